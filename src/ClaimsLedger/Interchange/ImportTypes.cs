using ClaimsLedger.Integrity;

namespace ClaimsLedger.Interchange;

/// <summary>How an import behaves.</summary>
public sealed record ImportOptions
{
    /// <summary>Stop reading after this many errors (they are all reported). Default 100.</summary>
    public int MaxErrors { get; init; } = 100;

    /// <summary>
    /// Accept an export whose lines carry no hashes (written by a store with the chain switched off). Default false:
    /// such a file cannot be verified, so it is refused.
    /// </summary>
    public bool AllowUnchained { get; init; }

    /// <summary>Checks the values.</summary>
    /// <exception cref="ArgumentException">MaxErrors is not positive.</exception>
    public void Validate()
    {
        if (MaxErrors < 1)
        {
            throw new ArgumentException($"ImportOptions.MaxErrors must be at least 1, got {MaxErrors}", nameof(MaxErrors));
        }
    }
}

/// <summary>What an import did.</summary>
/// <param name="Lines">Lines read (blank ones included).</param>
/// <param name="Events">Events in the file.</param>
/// <param name="Appended">Events written.</param>
/// <param name="Unchanged">Events the ledger already held identically.</param>
/// <param name="Mode">Notes (recorded now) or an export (restored with its recordedAt).</param>
/// <param name="Elapsed">How long it took.</param>
public sealed record ImportResult(long Lines, long Events, int Appended, int Unchanged, ImportMode Mode, TimeSpan Elapsed)
{
    /// <summary>For an export whose hash chain was verified: the digest of the file's ledger; else null.</summary>
    public LedgerDigest? Chain { get; init; }

    /// <summary>Events per second over the whole import.</summary>
    public double EventsPerSecond => Elapsed.TotalSeconds > 0 ? Events / Elapsed.TotalSeconds : 0;
}

/// <summary>Which kind of file was imported.</summary>
public enum ImportMode
{
    /// <summary>Notes: lines without a ledger object, recorded now as one batch.</summary>
    Notes = 1,

    /// <summary>An export: lines with a ledger object, verified and restored exactly.</summary>
    Export,
}

/// <summary>Where an import is.</summary>
/// <param name="Stage">Reading and checking the file, writing, or done.</param>
/// <param name="Done">Lines read so far (reading) or events handled (writing, done).</param>
/// <param name="Total">The total when known.</param>
public sealed record ImportProgress(ImportStage Stage, long Done, long? Total);

/// <summary>The stages of an import.</summary>
public enum ImportStage
{
    /// <summary>Reading and parsing lines.</summary>
    Reading = 1,

    /// <summary>Validating and writing the events in one transaction.</summary>
    Writing,

    /// <summary>Finished.</summary>
    Done,
}
