using ClaimsLedger.Storage;

namespace ClaimsLedger;

/// <summary>What recording a batch did.</summary>
/// <param name="Appended">Events appended.</param>
/// <param name="Unchanged">Events skipped because the ledger already held them identically.</param>
/// <param name="LastPosition">Global position of the last event appended; null when nothing was appended.</param>
/// <param name="RecordedAt">recordedAt of the appended events; null when nothing was appended.</param>
public sealed record RecordResult(int Appended, int Unchanged, GlobalPosition? LastPosition, DateTimeOffset? RecordedAt);
