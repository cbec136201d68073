namespace ClaimsLedger.Storage;

/// <summary>A store failed to read or write; for a write, nothing was written unless the message says otherwise.</summary>
public class LedgerStoreException : LedgerException
{
    /// <summary>Creates the exception.</summary>
    public LedgerStoreException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}
