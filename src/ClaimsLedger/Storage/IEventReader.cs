namespace ClaimsLedger.Storage;

/// <summary>Reads events from a store: one stream, or everything in global order.</summary>
/// <remarks>Implementations are safe to use from many threads at once.</remarks>
public interface IEventReader
{
    /// <summary>Reads one stream.</summary>
    /// <param name="stream">The stream; a stream that does not exist reads as empty.</param>
    /// <param name="direction">Oldest first or newest first.</param>
    /// <param name="fromVersion">First revision to return, inclusive; <see cref="StreamPosition.End"/> with
    /// <see cref="ReadDirection.Backwards"/> starts at the last event.</param>
    /// <param name="maxCount">At most this many events.</param>
    /// <param name="cancellationToken">Stops the read.</param>
    IAsyncEnumerable<RecordedEvent> ReadStreamAsync(StreamName stream, ReadDirection direction, long fromVersion,
        long maxCount, CancellationToken cancellationToken = default);

    /// <summary>Reads every stream in global order.</summary>
    /// <param name="direction">Oldest first or newest first.</param>
    /// <param name="from">First position to return, inclusive (forwards: at or after; backwards: at or before).
    /// <see cref="GlobalPosition.Start"/> and <see cref="GlobalPosition.End"/> mean the ends of the log.</param>
    /// <param name="maxCount">At most this many events.</param>
    /// <param name="cancellationToken">Stops the read.</param>
    IAsyncEnumerable<RecordedEvent> ReadAllAsync(ReadDirection direction, GlobalPosition from, long maxCount,
        CancellationToken cancellationToken = default);

    /// <summary>
    /// A catch-up subscription to the global order: every event after <paramref name="after"/> (exclusive; null for
    /// the whole log), then new events as they are committed, in order, without gaps. It never ends by itself:
    /// cancel <paramref name="cancellationToken"/> to stop.
    /// </summary>
    IAsyncEnumerable<RecordedEvent> SubscribeToAllAsync(GlobalPosition? after,
        CancellationToken cancellationToken = default);
}
