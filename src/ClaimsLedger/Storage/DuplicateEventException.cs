namespace ClaimsLedger.Storage;

/// <summary>An append reused an event id that belongs to a different event; nothing was written.</summary>
public sealed class DuplicateEventException : LedgerStoreException
{
    /// <summary>Creates the exception.</summary>
    public DuplicateEventException(Guid eventId, StreamName stream, string reason)
        : base($"event id {eventId} in stream '{stream}' is already used: {reason}; nothing was written")
    {
        EventId = eventId;
        Stream = stream;
    }

    /// <summary>The reused id.</summary>
    public Guid EventId { get; }

    /// <summary>The stream the append targeted.</summary>
    public StreamName Stream { get; }
}
