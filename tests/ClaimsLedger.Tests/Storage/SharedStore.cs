using ClaimsLedger.Conformance;
using ClaimsLedger.Storage;

namespace ClaimsLedger.Tests.Storage;

/// <summary>A second handle on a store, whose disposal leaves the store open.</summary>
internal sealed class SharedStore(IEventStore inner) : DelegatingStore(inner)
{
    public override ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
