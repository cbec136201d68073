using ClaimsLedger.Storage;

namespace ClaimsLedger.Snapshots;

/// <summary>How much of a snapshot a ledger checks against its log before using it (see
/// <see cref="LedgerOptions.SnapshotVerification"/>).</summary>
public enum SnapshotVerification
{
    /// <summary>
    /// Recompute the log's hash chain over every event of the snapshot; it must end in the hash the log holds at the
    /// snapshot's last position. The snapshot's events then cannot differ from the log's in any hashed field (payload,
    /// metadata, stream, version, type, id, recordedAt, order), even if someone rewrote the file. Costs about 1.5 µs
    /// per event (SHA-256), on the thread that reads the snapshot.
    /// </summary>
    Events,

    /// <summary>
    /// Check only that the log holds the snapshot's last hash at its last position, and that the file is whole (its
    /// SHA-256 digest). Catches stale, foreign and damaged snapshots, but trusts whoever can write the snapshot file:
    /// for a snapshot kept where only the ledger's owner can write, like the store itself. A snapshot with an index
    /// image (format 2) is then loaded from the image, its own digest checked, without reading its events: the fast
    /// open (docs/snapshots.md).
    /// </summary>
    Head,
}

/// <summary>What a ledger did with its snapshot when it loaded (see <see cref="Ledger.Snapshot"/>).</summary>
public enum SnapshotOutcome
{
    /// <summary>No snapshot store is set, or it held no snapshot: the ledger read the whole store.</summary>
    None,

    /// <summary>The snapshot matched the log: the ledger loaded it and read only the events after it from the store.</summary>
    Used,

    /// <summary>
    /// The snapshot did not match the log, or was damaged: the ledger ignored it and read the whole store. The
    /// reason says why.
    /// </summary>
    Rejected,
}

/// <summary>How a ledger's load used its snapshot.</summary>
/// <param name="Outcome">Whether the snapshot was used.</param>
/// <param name="Events">Events loaded from the snapshot (0 unless <see cref="SnapshotOutcome.Used"/>).</param>
/// <param name="Position">The log position the snapshot ends at, when it was read that far; else null.</param>
/// <param name="Reason">Why it was rejected; null otherwise.</param>
public sealed record SnapshotLoad(SnapshotOutcome Outcome, long Events, GlobalPosition? Position, string? Reason)
{
    /// <summary>No snapshot was there to load.</summary>
    public static SnapshotLoad None { get; } = new(SnapshotOutcome.None, 0, null, null);
}

/// <summary>A snapshot just saved by <see cref="Ledger.SaveSnapshotAsync"/>.</summary>
/// <param name="Events">Events it holds: every event of the log up to <paramref name="Position"/>.</param>
/// <param name="Position">The log position it ends at.</param>
/// <param name="Bytes">Its size.</param>
public sealed record SnapshotSaved(long Events, GlobalPosition Position, long Bytes);
