using ClaimsLedger.Storage;

namespace ClaimsLedger.EventStoreDb;

/// <summary>
/// The stream was deleted for good (tombstoned) on EventStoreDB: it can no longer be read or written. The ledger
/// never deletes streams; something outside it did.
/// </summary>
public sealed class StreamDeletedException : LedgerStoreException
{
    /// <summary>Creates the exception.</summary>
    public StreamDeletedException(StreamName stream, string where, Exception? innerException = null)
        : base($"stream '{stream}' was deleted (tombstoned) on EventStoreDB at {where}: it can no longer be read or " +
               "written; nothing was written", innerException)
    {
        Stream = stream;
    }

    /// <summary>The same error, with a message that says what the append wrote.</summary>
    internal StreamDeletedException(string message, StreamName stream, Exception innerException)
        : base(message, innerException)
    {
        Stream = stream;
    }

    /// <summary>The deleted stream (the ledger's name, without the store's stream prefix).</summary>
    public StreamName Stream { get; }
}
