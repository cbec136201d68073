namespace ClaimsLedger.Cli;

/// <summary>The tool's exit codes; scripts can rely on them.</summary>
internal static class ExitCodes
{
    /// <summary>Done.</summary>
    public const int Ok = 0;

    /// <summary>An unexpected failure (a bug); the message says what happened.</summary>
    public const int Failure = 1;

    /// <summary>Bad input: a malformed command line, an invalid file or date, a rejected event.</summary>
    public const int BadInput = 2;

    /// <summary>The store failed: cannot be opened or reached, not a ledger, read-only, or a write failed.</summary>
    public const int StoreError = 3;

    /// <summary>
    /// The claim, actor, source or statement named does not exist in the ledger (as of the recorded time asked for), or
    /// the command needs at least one event (digest, prove) and the ledger is empty. A view of an empty ledger (board,
    /// timeline, diff) or its export is not an error: it is empty, with exit code 0.
    /// </summary>
    public const int NotFound = 4;

    /// <summary>Integrity: the hash chain is broken, the ledger does not extend a digest, or a proof does not check.</summary>
    public const int Broken = 5;

    /// <summary>The command's output file (<c>--out</c>) could not be written: a missing folder, no permission, a full disk.</summary>
    public const int OutputError = 6;
}
