using ClaimsLedger.Storage;

namespace ClaimsLedger.Conformance;

/// <summary>A store that hands every call to another: test doubles override or add only what they change.</summary>
public abstract class DelegatingStore(IEventStore inner) : IEventStore
{
    /// <summary>The store every call goes to.</summary>
    protected IEventStore Inner => inner;

    /// <inheritdoc/>
    public bool AtomicAcrossStreams => inner.AtomicAcrossStreams;

    /// <inheritdoc/>
    public virtual Task<IReadOnlyList<AppendResult>> AppendAsync(IReadOnlyList<StreamAppend> appends,
        CancellationToken cancellationToken = default) => inner.AppendAsync(appends, cancellationToken);

    /// <inheritdoc/>
    public IAsyncEnumerable<RecordedEvent> ReadStreamAsync(StreamName stream, ReadDirection direction, long fromVersion,
        long maxCount, CancellationToken cancellationToken = default) =>
        inner.ReadStreamAsync(stream, direction, fromVersion, maxCount, cancellationToken);

    /// <inheritdoc/>
    public virtual IAsyncEnumerable<RecordedEvent> ReadAllAsync(ReadDirection direction, GlobalPosition from,
        long maxCount, CancellationToken cancellationToken = default) =>
        inner.ReadAllAsync(direction, from, maxCount, cancellationToken);

    /// <inheritdoc/>
    public IAsyncEnumerable<RecordedEvent> SubscribeToAllAsync(GlobalPosition? after,
        CancellationToken cancellationToken = default) =>
        inner.SubscribeToAllAsync(after, cancellationToken);

    /// <inheritdoc/>
    public virtual ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        return inner.DisposeAsync();
    }
}
