using Microsoft.Extensions.Logging;

namespace ClaimsLedger.EventStoreDb;

/// <summary>
/// The EventStoreDB store's settings under dependency injection, bound from the <c>EventStoreDb</c> sub-section of the
/// ledger's configuration (e.g. <c>"ClaimsLedger": { "EventStoreDb": { "ConnectionString": "esdb://..." } }</c>) and
/// checked at start. Each stands for the <see cref="EventStoreDbStoreOptions"/> property of the same name, with the
/// same default.
/// </summary>
public sealed class EventStoreDbServiceOptions
{
    private static readonly EventStoreDbStoreOptions Defaults = new() { ConnectionString = string.Empty };

    /// <summary>The connection string, e.g. <c>esdb://admin:changeit@127.0.0.1:2113?tls=false</c>; required.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>Put in front of every ledger stream name on the server. Default empty.</summary>
    public string StreamPrefix { get; set; } = Defaults.StreamPrefix;

    /// <summary>Appends and reads taking at least this long are logged as warnings. Default 1 s.</summary>
    public TimeSpan SlowQueryThreshold { get; set; } = Defaults.SlowQueryThreshold;

    /// <summary>The store options these settings stand for, with the container's clock and loggers.</summary>
    internal EventStoreDbStoreOptions ToStoreOptions(TimeProvider clock, ILoggerFactory? loggerFactory) => new()
    {
        ConnectionString = ConnectionString!,
        StreamPrefix = StreamPrefix,
        SlowQueryThreshold = SlowQueryThreshold,
        Clock = clock,
        LoggerFactory = loggerFactory,
    };
}
