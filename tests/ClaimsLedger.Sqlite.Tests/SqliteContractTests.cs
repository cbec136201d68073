using ClaimsLedger.Conformance;
using ClaimsLedger.Storage;

namespace ClaimsLedger.Sqlite.Tests;

/// <summary>The store contract, run against a SQLite file per test.</summary>
public sealed class SqliteEventStoreTests : EventStoreContract, IDisposable
{
    private readonly TempFolder _folder = new();

    protected override async Task<IEventStore> CreateStoreAsync(TimeProvider clock) =>
        await SqliteEventStore.OpenAsync(new SqliteStoreOptions { Path = _folder.File($"store-{Guid.NewGuid():N}.db"), Clock = clock });

    protected override async Task<IEventStore?> OpenAnotherAsync(IEventStore store, TimeProvider clock) =>
        await SqliteEventStore.OpenAsync(new SqliteStoreOptions { Path = ((SqliteEventStore)store).Path, Clock = clock });

    public void Dispose() => _folder.Dispose();
}

/// <summary>The ledger's guarantees on a SQLite file; reopening really opens the file again.</summary>
public sealed class LedgerOnSqliteStoreTests : LedgerContract, IDisposable
{
    private readonly TempFolder _folder = new();

    protected override async Task<IEventStore> CreateStoreAsync(TimeProvider clock) =>
        await SqliteEventStore.OpenAsync(new SqliteStoreOptions { Path = _folder.File($"ledger-{Guid.NewGuid():N}.db"), Clock = clock });

    protected override async Task<IEventStore> ReopenAsync(IEventStore store, TimeProvider clock) =>
        await SqliteEventStore.OpenAsync(new SqliteStoreOptions { Path = ((SqliteEventStore)store).Path, Clock = clock });

    public void Dispose() => _folder.Dispose();
}
