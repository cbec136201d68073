namespace ClaimsLedger.Storage;

/// <summary>The store cannot be reached or refuses the connection (server down, wrong address, wrong password).</summary>
public sealed class StoreUnavailableException : LedgerStoreException
{
    /// <summary>Creates the exception.</summary>
    public StoreUnavailableException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}
