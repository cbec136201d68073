using System.Runtime.CompilerServices;
using ClaimsLedger.Storage;

namespace ClaimsLedger.Conformance;

/// <summary>A store that notes the lowest position any read of the global order (beyond one event) returned.</summary>
public sealed class CountingReader(IEventStore inner) : IEventStore
{
    /// <summary>The lowest position a read of more than one event returned; null when none returned any.</summary>
    public GlobalPosition? LowestPositionReadInBulk { get; private set; }

    /// <inheritdoc/>
    public bool AtomicAcrossStreams => inner.AtomicAcrossStreams;

    /// <inheritdoc/>
    public Task<IReadOnlyList<AppendResult>> AppendAsync(IReadOnlyList<StreamAppend> appends,
        CancellationToken cancellationToken = default) => inner.AppendAsync(appends, cancellationToken);

    /// <inheritdoc/>
    public IAsyncEnumerable<RecordedEvent> ReadStreamAsync(StreamName stream, ReadDirection direction, long fromVersion,
        long maxCount, CancellationToken cancellationToken = default) =>
        inner.ReadStreamAsync(stream, direction, fromVersion, maxCount, cancellationToken);

    /// <inheritdoc/>
    public async IAsyncEnumerable<RecordedEvent> ReadAllAsync(ReadDirection direction, GlobalPosition from, long maxCount,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var e in inner.ReadAllAsync(direction, from, maxCount, cancellationToken))
        {
            if (maxCount > 1 && (LowestPositionReadInBulk is not { } lowest || e.Position < lowest))
            {
                LowestPositionReadInBulk = e.Position;
            }

            yield return e;
        }
    }

    /// <inheritdoc/>
    public IAsyncEnumerable<RecordedEvent> SubscribeToAllAsync(GlobalPosition? after,
        CancellationToken cancellationToken = default) => inner.SubscribeToAllAsync(after, cancellationToken);

    /// <inheritdoc/>
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
