using Microsoft.Extensions.Logging;

namespace ClaimsLedger.Storage.Sql;

/// <summary>The SQL stores' log messages (category: the store's type), source-generated.</summary>
internal static partial class SqlStoreLog
{
    [LoggerMessage(101, LogLevel.Information, "Created the ledger schema, version {Version}, in {Store}")]
    public static partial void SchemaCreated(ILogger logger, int version, string store);

    [LoggerMessage(102, LogLevel.Information, "Upgraded the ledger schema in {Store} from version {From} to {To}")]
    public static partial void SchemaUpgraded(ILogger logger, string store, int from, int to);

    [LoggerMessage(103, LogLevel.Warning,
        "Slow {Operation} on {Store}: {ElapsedMilliseconds} ms for {Events} events (threshold {ThresholdMilliseconds} ms)")]
    public static partial void SlowQuery(ILogger logger, string operation, string store, long elapsedMilliseconds,
        int events, long thresholdMilliseconds);

    [LoggerMessage(104, LogLevel.Warning,
        "Chained {Events} events from position {From} of {Store} that were written without their hashes (by an older " +
        "version of ClaimsLedger or with HashChain off)")]
    public static partial void ChainRepaired(ILogger logger, string store, long events, long from);

    [LoggerMessage(105, LogLevel.Warning,
        "The head of {Store} is stamped {AheadMilliseconds} ms after this writer's clock: its appends are stamped with " +
        "the head's recordedAt until the clock catches up (another writer's clock is ahead, or this one is behind)")]
    public static partial void ClockBehindHead(ILogger logger, string store, long aheadMilliseconds);

    /// <summary>Logs the creation (from version 0) or upgrade of a schema.</summary>
    public static void SchemaChanged(ILogger logger, string store, int from, int to)
    {
        if (from == 0)
        {
            SchemaCreated(logger, to, store);
        }
        else
        {
            SchemaUpgraded(logger, store, from, to);
        }
    }
}
