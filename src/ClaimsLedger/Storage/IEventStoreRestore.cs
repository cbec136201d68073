namespace ClaimsLedger.Storage;

/// <summary>
/// A store that can take events with the recordedAt they were first recorded at, in one transaction: how an export
/// of a ledger is restored exactly. Stores that cannot do it atomically (EventStoreDB) do not implement it.
/// </summary>
public interface IEventStoreRestore
{
    /// <summary>
    /// Appends <paramref name="events"/> after the store's last event, in the given order, in one transaction; each keeps
    /// its recordedAt. Stream versions continue each stream. Nothing is written if any check fails.
    /// </summary>
    /// <returns>The global position given to each event, in order.</returns>
    /// <exception cref="ArgumentException">recordedAt decreases along <paramref name="events"/>.</exception>
    /// <exception cref="LedgerStoreException">The first recordedAt is before the store's last one.</exception>
    /// <exception cref="DuplicateEventException">An event id is already in the store.</exception>
    /// <exception cref="RestoreMismatchException">An event's <see cref="RestoredEvent.ExpectedHash"/> is not the chain
    /// hash it would get.</exception>
    Task<IReadOnlyList<GlobalPosition>> RestoreAsync(IReadOnlyList<RestoredEvent> events,
        CancellationToken cancellationToken = default);
}

/// <summary>An event to restore: its stream, its data, and when the ledger first recorded it.</summary>
/// <param name="Stream">The stream.</param>
/// <param name="Data">Id, type, payload and metadata.</param>
/// <param name="RecordedAt">The original recordedAt, kept as is.</param>
public sealed record RestoredEvent(StreamName Stream, EventData Data, DateTimeOffset RecordedAt)
{
    /// <summary>
    /// The chain hash the event had in the ledger it came from (docs/integrity.md), or empty. When given, a store that
    /// keeps the chain refuses the whole restore unless the event gets exactly this hash.
    /// </summary>
    public ReadOnlyMemory<byte> ExpectedHash { get; init; }
}
