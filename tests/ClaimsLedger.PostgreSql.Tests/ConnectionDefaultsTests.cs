using Npgsql;

namespace ClaimsLedger.PostgreSql.Tests;

/// <summary>The Npgsql settings the store's pool changes, and that a connection string overrides.</summary>
public sealed class ConnectionDefaultsTests
{
    private const string Server = "Host=127.0.0.1;Database=claims;Username=claims;Password=pw";

    [Fact]
    public void A_connection_string_that_says_nothing_gets_prepared_statements_and_no_session_reset()
    {
        var builder = Apply(Server);

        Assert.Equal(ConnectionDefaults.MaxAutoPrepare, builder.MaxAutoPrepare);
        Assert.True(builder.NoResetOnClose);
    }

    [Theory]
    [InlineData("No Reset On Close=false")]
    [InlineData("NoResetOnClose=false")]
    [InlineData("no reset on close = false")]
    public void A_written_session_reset_setting_wins_even_when_it_is_npgsqls_default(string setting)
    {
        var builder = Apply($"{Server};{setting}");

        Assert.False(builder.NoResetOnClose);
        Assert.Equal(ConnectionDefaults.MaxAutoPrepare, builder.MaxAutoPrepare);
    }

    [Theory]
    [InlineData("Max Auto Prepare=0", 0)]
    [InlineData("MaxAutoPrepare=5", 5)]
    public void A_written_auto_prepare_setting_wins_even_when_it_turns_preparing_off(string setting, int expected)
    {
        var builder = Apply($"{Server};{setting}");

        Assert.Equal(expected, builder.MaxAutoPrepare);
        Assert.True(builder.NoResetOnClose);
    }

    private static NpgsqlConnectionStringBuilder Apply(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        ConnectionDefaults.Apply(builder, connectionString);
        return builder;
    }
}
