using ClaimsLedger.Storage;
using Microsoft.Extensions.Logging;

namespace ClaimsLedger.EventStoreDb.Diagnostics;

/// <summary>
/// The EventStoreDB store's log messages (category: <see cref="EventStoreDbEventStore"/>), source-generated, worded and
/// numbered as the SQL stores' (<c>SqlStoreLog</c>) where they mean the same.
/// </summary>
internal static partial class EventStoreDbLog
{
    [LoggerMessage(103, LogLevel.Warning,
        "Slow {Operation} on {Store}: {ElapsedMilliseconds} ms for {Events} events (threshold {ThresholdMilliseconds} ms)")]
    public static partial void SlowQuery(ILogger logger, string operation, string store, long elapsedMilliseconds,
        int events, long thresholdMilliseconds);

    [LoggerMessage(104, LogLevel.Warning,
        "Sealed {Events} ledger events from position {From} of {Store} into the hash chain that were left unsealed (a " +
        "writer stopped or failed between its append and its seal, or another process is still sealing them); until " +
        "then they read back without hashes")]
    public static partial void UnsealedTailSealed(ILogger logger, string store, long events, GlobalPosition from);
}

/// <summary>What the store logs, with its clock and threshold: slow calls and the sealing of others' unsealed events.</summary>
internal sealed class StoreDiagnostics(ILogger logger, string store, TimeProvider clock, TimeSpan slowThreshold)
{
    /// <summary>Logs nothing.</summary>
    public static StoreDiagnostics None { get; } = new(Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance,
        string.Empty, TimeProvider.System, Timeout.InfiniteTimeSpan);

    /// <summary>A timestamp of the store clock, for <see cref="IfSlow"/>.</summary>
    public long Start() => clock.GetTimestamp();

    /// <summary>Logs a warning when the operation started at <paramref name="started"/> took the threshold or more.</summary>
    public void IfSlow(string operation, long started, int events)
    {
        if (slowThreshold == Timeout.InfiniteTimeSpan)
        {
            return;
        }

        var elapsed = clock.GetElapsedTime(started);
        if (elapsed >= slowThreshold)
        {
            EventStoreDbLog.SlowQuery(logger, operation, store, (long)elapsed.TotalMilliseconds, events,
                (long)slowThreshold.TotalMilliseconds);
        }
    }

    /// <summary>Logs that the sealer chained <paramref name="events"/> events a writer left unsealed.</summary>
    public void UnsealedTailSealed(long events, GlobalPosition from) =>
        EventStoreDbLog.UnsealedTailSealed(logger, store, events, from);
}
