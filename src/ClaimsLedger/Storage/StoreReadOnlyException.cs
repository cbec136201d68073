namespace ClaimsLedger.Storage;

/// <summary>An append was attempted on a store that is open read-only, or whose file cannot be written.</summary>
public sealed class StoreReadOnlyException : LedgerStoreException
{
    /// <summary>Creates the exception.</summary>
    public StoreReadOnlyException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}
