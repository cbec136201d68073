namespace ClaimsLedger;

/// <summary>Base type of every error the ledger raises on purpose.</summary>
/// <remarks>Catch this to handle any ledger error; catch a subtype to handle one case.</remarks>
public abstract class LedgerException : Exception
{
    /// <summary>Creates the exception with a message that names the offending id or field.</summary>
    protected LedgerException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the error that caused it.</summary>
    protected LedgerException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
