using ClaimsLedger.Storage;
using Microsoft.Data.Sqlite;
using static ClaimsLedger.Conformance.StoreTestData;

namespace ClaimsLedger.Sqlite.Tests;

/// <summary>
/// Commits are durable: the file is in WAL mode and the connection an append runs on syncs the log on every commit
/// (<c>synchronous = FULL</c>), whatever setting the pooled connection had before.
/// </summary>
public sealed class SqliteDurabilityTests : IDisposable
{
    private const long Full = 2, Off = 0;

    private readonly TempFolder _folder = new();

    [Fact]
    public async Task An_append_runs_on_a_connection_with_synchronous_full_in_wal_mode()
    {
        await using var store = await SqliteEventStore.OpenAsync(_folder.File("durable.db"));

        // Take the store's idle connection from the pool and weaken it, as any earlier user of it might have left it.
        IntPtr weakened;
        await using (var pooled = new SqliteConnection(store.ConnectionString))
        {
            await pooled.OpenAsync();
            weakened = pooled.Handle!.DangerousGetHandle();
            await ExecuteAsync(pooled, "PRAGMA synchronous = OFF");
            Assert.Equal(Off, await ScalarAsync(pooled, "PRAGMA synchronous"));
        }

        await store.AppendToStreamAsync(NewStream("durable"), ExpectedVersion.NoStream, Batch(3));

        // The append took that same connection from the pool (the only idle one) and left it as it wrote with it.
        await using var writer = new SqliteConnection(store.ConnectionString);
        await writer.OpenAsync();
        Assert.Equal(weakened, writer.Handle!.DangerousGetHandle());
        Assert.Equal(Full, await ScalarAsync(writer, "PRAGMA synchronous"));
        Assert.Equal("wal", await ScalarAsync(writer, "PRAGMA journal_mode"));
    }

    public void Dispose() => _folder.Dispose();

    private static async Task ExecuteAsync(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<object?> ScalarAsync(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync();
    }
}
