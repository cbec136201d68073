using ClaimsLedger.Conformance;
using ClaimsLedger.Storage;
using ClaimsLedger.Storage.InMemory;

namespace ClaimsLedger.Tests.Storage;

/// <summary>The store contract, run against the in-memory store.</summary>
public sealed class InMemoryEventStoreTests : EventStoreContract
{
    protected override Task<IEventStore> CreateStoreAsync(TimeProvider clock) =>
        Task.FromResult<IEventStore>(new InMemoryEventStore(clock));
}

/// <summary>The ledger's guarantees, run against the in-memory store.</summary>
public sealed class LedgerOnInMemoryStoreTests : LedgerContract
{
    protected override Task<IEventStore> CreateStoreAsync(TimeProvider clock) =>
        Task.FromResult<IEventStore>(new InMemoryEventStore(clock));

    // One process: "reopening" shares the same store; disposing the second handle leaves the first open.
    protected override Task<IEventStore> ReopenAsync(IEventStore store, TimeProvider clock) =>
        Task.FromResult<IEventStore>(new SharedStore(store));
}
