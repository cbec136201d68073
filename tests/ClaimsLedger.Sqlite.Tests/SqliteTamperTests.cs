using ClaimsLedger.Conformance;
using ClaimsLedger.Storage;
using Microsoft.Data.Sqlite;

namespace ClaimsLedger.Sqlite.Tests;

/// <summary>Tampering with a ledger file directly, with the SQLite library, is caught at the right event.</summary>
public sealed class SqliteTamperTests : TamperContract, IDisposable
{
    private readonly TempFolder _folder = new();

    protected override async Task<IEventStore> CreateStoreAsync(TimeProvider clock) =>
        await SqliteEventStore.OpenAsync(new SqliteStoreOptions { Path = _folder.File($"tamper-{Guid.NewGuid():N}.db"), Clock = clock });

    protected override async Task<IEventStore> OpenUnchainedAsync(IEventStore store, TimeProvider clock) =>
        await SqliteEventStore.OpenAsync(new SqliteStoreOptions { Path = ((SqliteEventStore)store).Path, Clock = clock, HashChain = false });

    protected override async Task ExecuteAsync(IEventStore store, string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = new SqliteConnection($"Data Source={((SqliteEventStore)store).Path};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql.Replace("{events}", "ledger_events", StringComparison.Ordinal);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue("@" + name, value);
        }

        await command.ExecuteNonQueryAsync();
    }

    public void Dispose() => _folder.Dispose();
}
