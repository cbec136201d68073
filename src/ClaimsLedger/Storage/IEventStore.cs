namespace ClaimsLedger.Storage;

/// <summary>
/// An event store: streams with optimistic concurrency, one global order, reads both ways and catch-up
/// subscriptions. The ledger runs unchanged on every implementation.
/// </summary>
/// <remarks>Implementations are thread-safe. Dispose releases connections and ends subscriptions.</remarks>
public interface IEventStore : IEventReader, IEventWriter, IAsyncDisposable
{
    /// <summary>
    /// True when <see cref="IEventWriter.AppendAsync"/> to several streams is one transaction. Stores that cannot
    /// do that (EventStoreDB) append stream by stream and say so here.
    /// </summary>
    bool AtomicAcrossStreams { get; }
}
