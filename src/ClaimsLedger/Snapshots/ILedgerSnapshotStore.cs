namespace ClaimsLedger.Snapshots;

/// <summary>
/// Where a ledger keeps its snapshot: a checkpoint of every event its index was built from, up to one position of
/// the log, in a form that loads several times faster than reading the store. Set it as
/// <see cref="LedgerOptions.Snapshots"/>; <see cref="FileSnapshotStore"/> keeps it in a file.
/// </summary>
/// <remarks>
/// A snapshot is a cache, never a source of truth: the ledger checks it against the log before using it (see
/// <see cref="Ledger.SaveSnapshotAsync"/>) and falls back to reading the store when it does not match.
/// </remarks>
public interface ILedgerSnapshotStore
{
    /// <summary>Opens the latest snapshot for reading; null when none was saved.</summary>
    /// <param name="cancellationToken">Cancels opening.</param>
    Task<Stream?> OpenReadAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Replaces the snapshot with what <paramref name="write"/> writes, atomically: a reader sees the old snapshot or
    /// the whole new one, never part of it; if <paramref name="write"/> throws, the old one stays.
    /// </summary>
    /// <param name="write">Writes the snapshot's bytes to the stream it is given.</param>
    /// <param name="cancellationToken">Cancels saving; the old snapshot then stays.</param>
    Task SaveAsync(Func<Stream, CancellationToken, Task> write, CancellationToken cancellationToken);
}
