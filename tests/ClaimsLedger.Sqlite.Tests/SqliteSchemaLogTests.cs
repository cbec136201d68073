using ClaimsLedger.Conformance.Telemetry;
using ClaimsLedger.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using static ClaimsLedger.Conformance.StoreTestData;

namespace ClaimsLedger.Sqlite.Tests;

/// <summary>Schema creation and upgrades are logged (Information, ids 101 and 102) naming the file and the versions.</summary>
public sealed class SqliteSchemaLogTests : IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly LogCapture _logs = new();

    [Fact]
    public async Task Upgrading_a_version_1_file_logs_the_upgrade_from_1_to_the_current_version_naming_the_file()
    {
        var path = _folder.File("v1.db");
        await using (var store = await SqliteEventStore.OpenAsync(path))
        {
            await store.AppendToStreamAsync(NewStream("s"), ExpectedVersion.NoStream, Batch(2));
        }

        // Back to the version 1 layout: no hash columns at all (as SqliteFileTests does).
        await ExecuteAsync(path, "ALTER TABLE ledger_events DROP COLUMN hash; ALTER TABLE ledger_events DROP COLUMN previous_hash; " +
                                 "ALTER TABLE ledger_head DROP COLUMN hash; UPDATE ledger_meta SET value = '1' WHERE key = 'schema_version'");

        await using var upgraded = await OpenLoggedAsync(path);

        var upgrade = Assert.Single(_logs.WithId(102));
        Assert.Equal(LogLevel.Information, upgrade.Level);
        Assert.Equal(typeof(SqliteEventStore).FullName, upgrade.Category);
        Assert.Equal(1, upgrade.Values["From"]);
        Assert.Equal(SqliteEventStore.SchemaVersion, upgrade.Values["To"]);
        Assert.Contains(path, upgrade.Message, StringComparison.Ordinal);
        Assert.Empty(_logs.WithId(101));
    }

    [Fact]
    public async Task Opening_a_current_file_again_logs_no_schema_change()
    {
        var path = _folder.File("current.db");
        await using (await OpenLoggedAsync(path))
        {
        }

        await using var again = await OpenLoggedAsync(path);

        var created = Assert.Single(_logs.WithId(101));
        Assert.Equal(SqliteEventStore.SchemaVersion, created.Values["Version"]);
        Assert.Empty(_logs.WithId(102));
    }

    [Fact]
    public async Task Opening_one_new_file_from_many_store_objects_at_once_creates_it_once()
    {
        var path = _folder.File("race.db");

        // A write lock on the new, still empty file holds every open back after its first look (version 0) and before
        // its own write lock, so that all of them race for the creation once it is let go.
        var blocker = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        await blocker.OpenAsync();
        var held = blocker.BeginTransaction(System.Data.IsolationLevel.Serializable, deferred: false);
        var opening = Enumerable.Range(0, 6).Select(_ => Task.Run(() => OpenLoggedAsync(path))).ToList();
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.All(opening, o => Assert.False(o.IsCompleted, "an open finished while another connection held the write lock"));
        await held.RollbackAsync();
        await blocker.DisposeAsync();

        var stores = await Task.WhenAll(opening);
        foreach (var store in stores)
        {
            await store.DisposeAsync();
        }

        // One store created the file; the others found it current, under the write lock or before it: no rewrite.
        var created = Assert.Single(_logs.WithId(101));
        Assert.Equal(SqliteEventStore.SchemaVersion, created.Values["Version"]);
        Assert.Empty(_logs.WithId(102));
        var version = SqliteEventStore.SchemaVersion.ToString(System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal($"application=claims-ledger;schema_version={version}",
            await ScalarAsync(path, "SELECT group_concat(key || '=' || value, ';') FROM (SELECT key, value FROM ledger_meta ORDER BY key)"));
        Assert.Equal("ledger_events,ledger_head,ledger_meta",
            await ScalarAsync(path, "SELECT group_concat(name, ',') FROM (SELECT name FROM sqlite_master WHERE type = 'table' " +
                                    "AND name NOT LIKE 'sqlite_%' ORDER BY name)"));
    }

    public void Dispose() => _folder.Dispose();

    private Task<SqliteEventStore> OpenLoggedAsync(string path) =>
        SqliteEventStore.OpenAsync(new SqliteStoreOptions { Path = path, LoggerFactory = _logs });

    private static async Task ExecuteAsync(string path, string sql)
    {
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<string?> ScalarAsync(string path, string sql)
    {
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (await command.ExecuteScalarAsync())?.ToString();
    }
}
