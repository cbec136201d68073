using ClaimsLedger.Conformance;
using ClaimsLedger.Storage;

namespace ClaimsLedger.EventStoreDb.Tests.Conformance;

/// <summary>The store contract against the in-process fake node (always runs; not a substitute for a real server).</summary>
public sealed class FakeNodeEventStoreTests : EventStoreContract
{
    private readonly string _prefix = SharedFakeNode.NewPrefix();

    protected override bool PositionsAreSequential => false;

    protected override bool DetectsEventIdsReusedInOtherStreams => false;

    protected override Task<IEventStore> CreateStoreAsync(TimeProvider clock) =>
        TestStores.OpenAsync(TestStores.FakeNodeAsync(), _prefix, clock);

    protected override async Task<IEventStore?> OpenAnotherAsync(IEventStore store, TimeProvider clock) =>
        await CreateStoreAsync(clock);
}

/// <summary>The ledger's guarantees against the fake node; reopening opens a second store (a second channel).</summary>
public sealed class LedgerOnFakeNodeTests : LedgerContract
{
    private readonly string _prefix = SharedFakeNode.NewPrefix();

    protected override Task<IEventStore> CreateStoreAsync(TimeProvider clock) =>
        TestStores.OpenAsync(TestStores.FakeNodeAsync(), _prefix, clock);

    protected override Task<IEventStore> ReopenAsync(IEventStore store, TimeProvider clock) => CreateStoreAsync(clock);
}
