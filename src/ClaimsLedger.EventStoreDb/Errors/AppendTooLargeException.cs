using ClaimsLedger.Storage;

namespace ClaimsLedger.EventStoreDb;

/// <summary>
/// EventStoreDB refused an append as too large: the whole append is over the server's maximum append size
/// (<c>MaxAppendSize</c>, 1 MiB by default; counted as data + metadata bytes + twice the type name length per
/// event), or one event is over the per-event limit, or one event is over the gRPC message size a server receives
/// (about 16 MiB; the store checks this before sending anything). Nothing was written to that stream; in a multi-stream append
/// that wrote other streams first, the message names them.
/// </summary>
public sealed class AppendTooLargeException : LedgerStoreException
{
    /// <summary>Creates the exception.</summary>
    public AppendTooLargeException(StreamName stream, string where, long? limit, string what, Exception? innerException = null)
        : base($"EventStoreDB at {where} refused the append to '{stream}': {what} is over the server's limit of " +
               (limit is { } bytes ? $"{bytes} bytes" : "an unknown number of bytes") +
               " (server option MaxAppendSize or MaxAppendEventSize); nothing was written", innerException)
    {
        Stream = stream;
        Limit = limit;
    }

    /// <summary>The same error, with a message that says what the append wrote.</summary>
    internal AppendTooLargeException(string message, StreamName stream, long? limit, Exception? innerException)
        : base(message, innerException)
    {
        Stream = stream;
        Limit = limit;
    }

    /// <summary>The stream the append targeted.</summary>
    public StreamName Stream { get; }

    /// <summary>The server's limit in bytes, when it said.</summary>
    public long? Limit { get; }
}
