using ClaimsLedger.Storage;

namespace ClaimsLedger.Tests.Storage;

/// <summary>A second handle on a store, whose disposal leaves the store open.</summary>
internal sealed class SharedStore(IEventStore inner) : IEventStore
{
    public bool AtomicAcrossStreams => inner.AtomicAcrossStreams;

    public IAsyncEnumerable<RecordedEvent> ReadStreamAsync(StreamName stream, ReadDirection direction, long fromVersion,
        long maxCount, CancellationToken cancellationToken = default) =>
        inner.ReadStreamAsync(stream, direction, fromVersion, maxCount, cancellationToken);

    public IAsyncEnumerable<RecordedEvent> ReadAllAsync(ReadDirection direction, GlobalPosition from, long maxCount,
        CancellationToken cancellationToken = default) =>
        inner.ReadAllAsync(direction, from, maxCount, cancellationToken);

    public IAsyncEnumerable<RecordedEvent> SubscribeToAllAsync(GlobalPosition? after,
        CancellationToken cancellationToken = default) =>
        inner.SubscribeToAllAsync(after, cancellationToken);

    public Task<IReadOnlyList<AppendResult>> AppendAsync(IReadOnlyList<StreamAppend> appends,
        CancellationToken cancellationToken = default) =>
        inner.AppendAsync(appends, cancellationToken);

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
