using ClaimsLedger.Storage;

namespace ClaimsLedger.DependencyInjection;

/// <summary>The store chosen on the builder: a name for messages and how to open it.</summary>
internal sealed record LedgerStoreRegistration(
    string Name, Func<LedgerStoreContext, CancellationToken, ValueTask<IEventStore>> Open);
