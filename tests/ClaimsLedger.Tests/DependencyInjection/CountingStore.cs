using ClaimsLedger.Conformance;
using ClaimsLedger.DependencyInjection;
using ClaimsLedger.Storage;
using ClaimsLedger.Storage.InMemory;

namespace ClaimsLedger.Tests.DependencyInjection;

/// <summary>A store choice for <see cref="ClaimsLedgerBuilder.UseStore"/> that counts how often it was opened and
/// disposed, and can be told to fail its next opening.</summary>
internal sealed class CountingStore
{
    public int Opened { get; private set; }

    public int Disposed { get; private set; }

    public bool FailNextOpen { get; set; }

    public TimeProvider? Clock { get; private set; }

    public ValueTask<IEventStore> OpenAsync(LedgerStoreContext context, CancellationToken cancellationToken)
    {
        if (FailNextOpen)
        {
            FailNextOpen = false;
            throw new StoreUnavailableException("the test store is down");
        }

        Opened++;
        Clock = context.Clock;
        return ValueTask.FromResult<IEventStore>(new Tracked(this, context.Clock));
    }

    private sealed class Tracked(CountingStore owner, TimeProvider clock) : DelegatingStore(new InMemoryEventStore(clock))
    {
        public override ValueTask DisposeAsync()
        {
            owner.Disposed++;
            return base.DisposeAsync();
        }
    }
}
