using ClaimsLedger.Conformance.Telemetry;
using ClaimsLedger.Storage;
using Microsoft.Extensions.Logging;
using Npgsql;
using static ClaimsLedger.Conformance.StoreTestData;

namespace ClaimsLedger.PostgreSql.Tests;

/// <summary>A schema upgrade is logged (Information, id 102) naming the server and schema and the versions.</summary>
public sealed class PostgreSqlSchemaLogTests : IAsyncLifetime
{
    private readonly string _schema = TestServer.NewSchema();
    private readonly LogCapture _logs = new();

    [SkippableFact]
    public async Task Upgrading_a_version_1_schema_logs_the_upgrade_from_1_to_the_current_version()
    {
        await using (var store = await OpenAsync(logged: false))
        {
            await store.AppendToStreamAsync(NewStream("s"), ExpectedVersion.NoStream, Batch(2));
        }

        // Back to the version 1 layout: no hash columns at all (as PostgreSqlServerTests does).
        await TestServer.ExecuteAsync($"ALTER TABLE \"{_schema}\".events DROP COLUMN hash, DROP COLUMN previous_hash; " +
                                      $"ALTER TABLE \"{_schema}\".head DROP COLUMN hash; " +
                                      $"UPDATE \"{_schema}\".meta SET value = '1' WHERE key = 'schema_version'");

        await using var upgraded = await OpenAsync(logged: true);

        var upgrade = Assert.Single(_logs.WithId(102));
        Assert.Equal(LogLevel.Information, upgrade.Level);
        Assert.Equal(typeof(PostgreSqlEventStore).FullName, upgrade.Category);
        Assert.Equal(1, upgrade.Values["From"]);
        Assert.Equal(PostgreSqlEventStore.SchemaVersion, upgrade.Values["To"]);
        Assert.Contains($"schema {_schema}", upgrade.Message, StringComparison.Ordinal);
        if (new NpgsqlConnectionStringBuilder(TestServer.Require()).Password is { Length: > 0 } password)
        {
            Assert.DoesNotContain(password, upgrade.Message, StringComparison.Ordinal);
        }

        Assert.Empty(_logs.WithId(101));
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => TestServer.DropSchemaAsync(_schema);

    private Task<PostgreSqlEventStore> OpenAsync(bool logged) =>
        PostgreSqlEventStore.OpenAsync(new PostgreSqlStoreOptions
        {
            ConnectionString = TestServer.Require(),
            Schema = _schema,
            LoggerFactory = logged ? _logs : null,
        });
}
