using ClaimsLedger.Conformance;
using ClaimsLedger.Storage;

namespace ClaimsLedger.EventStoreDb.Tests.Conformance;

/// <summary>The store contract against the real server named by CLAIMS_ESDB_CONN (skipped without one).</summary>
public sealed class RealServerEventStoreTests : EventStoreContract
{
    private readonly string _prefix = RealServer.NewPrefix();

    protected override bool PositionsAreSequential => false;

    protected override bool DetectsEventIdsReusedInOtherStreams => false;

    protected override Task<IEventStore> CreateStoreAsync(TimeProvider clock) =>
        TestStores.OpenAsync(TestStores.RealServerAsync(), _prefix, clock);

    protected override async Task<IEventStore?> OpenAnotherAsync(IEventStore store, TimeProvider clock) =>
        await CreateStoreAsync(clock);
}

/// <summary>The ledger's guarantees against the real server named by CLAIMS_ESDB_CONN (skipped without one).</summary>
public sealed class LedgerOnRealServerTests : LedgerContract
{
    private readonly string _prefix = RealServer.NewPrefix();

    protected override Task<IEventStore> CreateStoreAsync(TimeProvider clock) =>
        TestStores.OpenAsync(TestStores.RealServerAsync(), _prefix, clock);

    protected override Task<IEventStore> ReopenAsync(IEventStore store, TimeProvider clock) => CreateStoreAsync(clock);
}
