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

    /// <summary>The claim, actor or statement asked for does not exist in the ledger (or the ledger is empty).</summary>
    public const int NotFound = 4;

    /// <summary>Integrity: the hash chain is broken, the ledger does not extend a digest, or a proof does not check.</summary>
    public const int Broken = 5;
}
