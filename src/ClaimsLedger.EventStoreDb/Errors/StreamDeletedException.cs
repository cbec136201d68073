using ClaimsLedger.Storage;

namespace ClaimsLedger.EventStoreDb;

/// <summary>
/// The stream was deleted on EventStoreDB: for good (tombstoned), so it can no longer be read or written; or
/// soft-deleted after this store saw events in it, so the server reports it as not found (an append would re-create
/// it, revisions continuing, which the store does not do behind the ledger's back). The ledger never deletes streams;
/// something outside it did.
/// </summary>
public sealed class StreamDeletedException : LedgerStoreException
{
    /// <summary>Creates the exception.</summary>
    public StreamDeletedException(StreamName stream, string where, Exception? innerException = null)
        : base(Tombstoned(stream, where, "the call did nothing"), innerException)
    {
        Stream = stream;
    }

    private StreamDeletedException(string message, StreamName stream, bool softDeleted, Exception? innerException)
        : base(message, innerException)
    {
        Stream = stream;
        SoftDeleted = softDeleted;
    }

    /// <summary>A soft-deleted stream: the server says it is not found, though this store saw events in it.</summary>
    internal static StreamDeletedException SoftDeletedAt(StreamName stream, string where) => new(
        $"stream '{stream}' was deleted (soft-deleted) on EventStoreDB at {where}: the server reports it as not found " +
        "though this store saw events in it; the store does not re-create it (an append expecting no stream would, " +
        "its revisions continuing after the deleted ones); " + NothingRead, stream, softDeleted: true, null);

    /// <summary>A tombstoned stream, as the reply to one call: a read read nothing, an append wrote nothing.</summary>
    internal static StreamDeletedException For(StreamName stream, string where, string operation, Exception innerException) =>
        new(Tombstoned(stream, where, operation == "append" ? "nothing was written" : NothingRead), stream, softDeleted: false,
            innerException);

    /// <summary>
    /// The error of a read an append made before writing (its check of the stream): the same, saying nothing was written.
    /// </summary>
    internal StreamDeletedException ForAppend() => Message.EndsWith(NothingRead, StringComparison.Ordinal)
        ? Reworded(Message[..^NothingRead.Length] + "nothing was written")
        : this;

    private const string NothingRead = "nothing was read";

    /// <summary>The same error, with a message that says what the append wrote.</summary>
    internal StreamDeletedException Reworded(string message) => new(message, Stream, SoftDeleted, this);

    private static string Tombstoned(StreamName stream, string where, string outcome) =>
        $"stream '{stream}' was deleted (tombstoned) on EventStoreDB at {where}: it can no longer be read or written; " +
        outcome;

    /// <summary>The deleted stream (the ledger's name, without the store's stream prefix).</summary>
    public StreamName Stream { get; }

    /// <summary>True for a soft-deleted stream, false for a tombstoned one.</summary>
    internal bool SoftDeleted { get; }
}
