using ClaimsLedger.Storage;

namespace ClaimsLedger.Integrity;

/// <summary>What a verification found: the head of an intact ledger, or the first broken link.</summary>
/// <param name="Events">Events checked.</param>
/// <param name="Head">The ledger's digest when it is intact; null when it is broken or empty.</param>
/// <param name="Break">The first broken link, or null.</param>
public sealed record IntegrityReport(long Events, LedgerDigest? Head, IntegrityBreak? Break)
{
    /// <summary>True when the chain holds (and extends the digest checked against, if any).</summary>
    public bool IsIntact => Break is null;

    /// <summary>One line for people.</summary>
    public override string ToString() => Break is { } broken
        ? $"BROKEN at sequence {broken.Sequence} (position {broken.Position}): {broken.Problem.ToString().ToLowerInvariant()}: {broken.Message}"
        : Head is { } head
            ? $"OK: {Events} events, head {head}"
            : "OK: the ledger is empty";
}

/// <summary>The first place where a ledger's chain does not hold.</summary>
/// <param name="Sequence">The sequence where the check failed.</param>
/// <param name="Position">The store position of the event there (or of the last event, for a short ledger).</param>
/// <param name="Problem">What does not match.</param>
/// <param name="Message">The details, naming the hashes or values that differ.</param>
public sealed record IntegrityBreak(long Sequence, GlobalPosition Position, IntegrityProblem Problem, string Message);

/// <summary>What does not match at a broken link (docs/integrity.md, "Verification").</summary>
public enum IntegrityProblem
{
    /// <summary>The sequence jumps: an event is missing or its position changed.</summary>
    Missing = 1,

    /// <summary>The event's previous hash is not the hash of the event before it: removed, inserted or reordered.</summary>
    Link,

    /// <summary>The event's content does not give its hash: payload, metadata, recordedAt, stream, type, version or id changed.</summary>
    Content,

    /// <summary>recordedAt goes backwards.</summary>
    RecordedAt,

    /// <summary>The ledger does not extend the digest it was checked against.</summary>
    Digest,

    /// <summary>The event has no hash (written with the chain switched off, or by a store without one).</summary>
    Unhashed,
}
