namespace ClaimsLedger.Storage;

/// <summary>
/// A restored event would not get the chain hash it had in the ledger it came from (its sequence, stream version or
/// the chain before it differ), so the restore would not reproduce that ledger; nothing was written.
/// </summary>
public sealed class RestoreMismatchException : LedgerStoreException
{
    /// <summary>Creates the exception.</summary>
    public RestoreMismatchException(int index, Guid eventId, string expected, string actual)
        : base($"event {eventId} (number {index + 1} to restore) would be chained with hash {actual}, not the {expected} " +
               "it had: it would land at another sequence, stream version or chain than in the ledger it came from; " +
               "nothing was written")
    {
        Index = index;
        EventId = eventId;
    }

    /// <summary>0-based index of the event in the restore.</summary>
    public int Index { get; }

    /// <summary>The event's id.</summary>
    public Guid EventId { get; }
}
