using ClaimsLedger.Storage;

namespace ClaimsLedger.EventStoreDb.Wire;

/// <summary>
/// An event as read from the server, before the store reports its recordedAt. <c>Stamp</c> is the recordedAt written
/// with it (the server's <c>created</c> time for an event this store did not write); <c>LedgerHead</c> the newest
/// ledger event its writer saw before writing (null when the ledger was empty); <c>Tracked</c> is true when this
/// store wrote it, so that both are known.
/// </summary>
internal sealed record StoredEvent(
    StreamName Stream,
    long Revision,
    GlobalPosition Position,
    Guid Id,
    string Type,
    ReadOnlyMemory<byte> Data,
    ReadOnlyMemory<byte> Metadata,
    DateTimeOffset Stamp,
    GlobalPosition? LedgerHead,
    bool Tracked)
{
    public RecordedEvent ToRecorded(DateTimeOffset recordedAt) =>
        new(Stream, Revision, Position, Id, Type, Data, Metadata, recordedAt);
}
