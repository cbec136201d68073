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

    private sealed class Tracked(CountingStore owner, TimeProvider clock) : IEventStore
    {
        private readonly InMemoryEventStore _inner = new(clock);

        public bool AtomicAcrossStreams => _inner.AtomicAcrossStreams;

        public Task<IReadOnlyList<AppendResult>> AppendAsync(IReadOnlyList<StreamAppend> appends,
            CancellationToken cancellationToken = default) => _inner.AppendAsync(appends, cancellationToken);

        public IAsyncEnumerable<RecordedEvent> ReadStreamAsync(StreamName stream, ReadDirection direction,
            long fromVersion, long maxCount, CancellationToken cancellationToken = default) =>
            _inner.ReadStreamAsync(stream, direction, fromVersion, maxCount, cancellationToken);

        public IAsyncEnumerable<RecordedEvent> ReadAllAsync(ReadDirection direction, GlobalPosition from,
            long maxCount, CancellationToken cancellationToken = default) =>
            _inner.ReadAllAsync(direction, from, maxCount, cancellationToken);

        public IAsyncEnumerable<RecordedEvent> SubscribeToAllAsync(GlobalPosition? after,
            CancellationToken cancellationToken = default) => _inner.SubscribeToAllAsync(after, cancellationToken);

        public ValueTask DisposeAsync()
        {
            owner.Disposed++;
            return _inner.DisposeAsync();
        }
    }
}
