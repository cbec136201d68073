using Microsoft.Extensions.Logging;

namespace ClaimsLedger.Telemetry;

/// <summary>The ledger's log messages (category <c>ClaimsLedger.Ledger</c>), source-generated.</summary>
internal static partial class LedgerLog
{
    [LoggerMessage(1, LogLevel.Information,
        "Recorded {Appended} events ({Unchanged} already recorded), the last at position {LastPosition}")]
    public static partial void Appended(ILogger logger, int appended, int unchanged, string lastPosition);

    [LoggerMessage(2, LogLevel.Debug, "Recorded nothing: all {Unchanged} events were already recorded")]
    public static partial void Unchanged(ILogger logger, int unchanged);

    [LoggerMessage(3, LogLevel.Warning,
        "Rejected a batch of {Count} events with {ErrorCount} errors; nothing was recorded. First: {FirstError}")]
    public static partial void Rejected(ILogger logger, int count, int errorCount, string firstError);

    [LoggerMessage(4, LogLevel.Debug,
        "Another writer changed a stream of the batch first; retry {Attempt} of {Retries}")]
    public static partial void Retrying(ILogger logger, int attempt, int retries);

    [LoggerMessage(5, LogLevel.Debug, "Caught up with the store: {Count} new events, up to position {Position}")]
    public static partial void CaughtUp(ILogger logger, long count, string position);

    [LoggerMessage(6, LogLevel.Error,
        "Ledger observer {Observer} failed on the entries at positions {FirstPosition} to {LastPosition}; " +
        "the events stay recorded")]
    public static partial void ObserverFailed(ILogger logger, Exception exception, string observer,
        string firstPosition, string lastPosition);

    [LoggerMessage(7, LogLevel.Error, "Recording a batch of {Count} events failed; nothing was recorded")]
    public static partial void RecordFailed(ILogger logger, Exception exception, int count);

    [LoggerMessage(8, LogLevel.Information,
        "Loaded {Count} events from the snapshot, up to position {Position}; the rest comes from the store")]
    public static partial void SnapshotLoaded(ILogger logger, long count, string position);

    [LoggerMessage(9, LogLevel.Warning, "Ignored the snapshot and read the whole store instead: {Reason}")]
    public static partial void SnapshotRejected(ILogger logger, string reason);

    [LoggerMessage(10, LogLevel.Information, "Saved a snapshot of {Count} events up to position {Position} ({Bytes} bytes)")]
    public static partial void SnapshotSaved(ILogger logger, long count, string position, long bytes);
}
