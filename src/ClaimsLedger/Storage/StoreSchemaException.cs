namespace ClaimsLedger.Storage;

/// <summary>
/// The database is not a ledger this library can use: not a ledger at all, or written by a newer version. Nothing was
/// modified.
/// </summary>
public sealed class StoreSchemaException : LedgerStoreException
{
    /// <summary>Creates the exception.</summary>
    public StoreSchemaException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}
