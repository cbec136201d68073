using ClaimsLedger.Events;
using ClaimsLedger.Storage;

namespace ClaimsLedger;

/// <summary>An event with its place in the ledger: stream, version, global position and recordedAt.</summary>
/// <param name="Event">The event.</param>
/// <param name="Stream">Its stream.</param>
/// <param name="StreamVersion">0-based revision in the stream.</param>
/// <param name="Position">Place in the global order.</param>
/// <param name="RecordedAt">When the ledger recorded it.</param>
public sealed record LedgerEntry(
    LedgerEvent Event, StreamName Stream, long StreamVersion, GlobalPosition Position, DateTimeOffset RecordedAt);
