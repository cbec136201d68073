using System.Runtime.CompilerServices;
using ClaimsLedger.Storage;

namespace ClaimsLedger.Conformance;

/// <summary>A store that notes the lowest position any read of the global order (beyond one event) returned.</summary>
public sealed class CountingReader(IEventStore inner) : DelegatingStore(inner)
{
    /// <summary>The lowest position a read of more than one event returned; null when none returned any.</summary>
    public GlobalPosition? LowestPositionReadInBulk { get; private set; }

    /// <inheritdoc/>
    public override async IAsyncEnumerable<RecordedEvent> ReadAllAsync(ReadDirection direction, GlobalPosition from, long maxCount,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var e in Inner.ReadAllAsync(direction, from, maxCount, cancellationToken))
        {
            if (maxCount > 1 && (LowestPositionReadInBulk is not { } lowest || e.Position < lowest))
            {
                LowestPositionReadInBulk = e.Position;
            }

            yield return e;
        }
    }

    /// <summary>Leaves the store open: it belongs to the test.</summary>
    public override ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
