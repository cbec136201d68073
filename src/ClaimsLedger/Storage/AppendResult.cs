namespace ClaimsLedger.Storage;

/// <summary>What an append to one stream produced.</summary>
/// <param name="Stream">The stream.</param>
/// <param name="LastVersion">The stream's last revision after the append (null if it still has no events).</param>
/// <param name="FirstPosition">Position of the first event written or found (<see cref="GlobalPosition.Start"/> if none).</param>
/// <param name="LastPosition">Position of the last event written or found (<see cref="GlobalPosition.Start"/> if none).</param>
/// <param name="RecordedAt">When the events were recorded (for an idempotent repeat: when they were first recorded).</param>
/// <param name="AlreadyPresent">True when every event was already stored identically, so nothing was written.</param>
public sealed record AppendResult(
    StreamName Stream,
    long? LastVersion,
    GlobalPosition FirstPosition,
    GlobalPosition LastPosition,
    DateTimeOffset RecordedAt,
    bool AlreadyPresent);
