using Npgsql;

namespace ClaimsLedger.PostgreSql.Tests;

/// <summary>
/// The PostgreSQL server the tests run against, named by the CLAIMS_PG_CONN environment variable (which .ci/run and
/// .ci/with-postgres.sh set). Without it the tests are reported as skipped, with this reason; CI fails if they are.
/// </summary>
internal static class TestServer
{
    public const string Variable = "CLAIMS_PG_CONN";

    public const string SkipReason =
        "CLAIMS_PG_CONN is not set: run `bash .ci/with-postgres.sh dotnet test` to start a throwaway PostgreSQL " +
        "(see README), or point CLAIMS_PG_CONN at a server of your own";

    public static string? ConnectionString => Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } value ? value : null;

    /// <summary>The connection string, or a skip with the reason when there is no server.</summary>
    public static string Require()
    {
        Skip.If(ConnectionString is null, SkipReason);
        return ConnectionString!;
    }

    /// <summary>A fresh schema name for one test.</summary>
    public static string NewSchema() => "t_" + Guid.NewGuid().ToString("N")[..20];

    public static async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(Require());
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    public static async Task<string?> ScalarAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(Require());
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (await command.ExecuteScalarAsync())?.ToString();
    }

    public static async Task DropSchemaAsync(string schema)
    {
        if (ConnectionString is null)
        {
            return;
        }

        await ExecuteAsync($"DROP SCHEMA IF EXISTS \"{schema}\" CASCADE");
    }
}
