using ClaimsLedger.Storage;

namespace ClaimsLedger.Snapshots;

/// <summary>What a snapshot says of itself before its events: how many, and the last one's place in the log.</summary>
/// <param name="Events">Events in the snapshot.</param>
/// <param name="Last">Position of its last event.</param>
/// <param name="LastSequence">Sequence number of its last event (0 on stores without one).</param>
/// <param name="LastHash">Chain hash of its last event, which the log must hold at <paramref name="Last"/>.</param>
internal sealed record SnapshotHeader(long Events, GlobalPosition Last, long LastSequence, byte[] LastHash);
