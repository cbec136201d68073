namespace ClaimsLedger.Interchange;

/// <summary>What an exported line carries besides the event: where and when the ledger recorded it.</summary>
/// <param name="Position">The event's global position in the exporting store (a sequence number or an offset).</param>
/// <param name="RecordedAt">When the ledger recorded it.</param>
/// <param name="Metadata">The event's metadata (a JSON object, as stored), or empty.</param>
public sealed record ExportEnvelope(string Position, DateTimeOffset RecordedAt, string Metadata);
