using Microsoft.Extensions.Logging;

namespace ClaimsLedger.PostgreSql;

/// <summary>
/// The PostgreSQL store's settings under dependency injection, bound from the <c>PostgreSql</c> sub-section of the
/// ledger's configuration (e.g. <c>"ClaimsLedger": { "PostgreSql": { "ConnectionString": "Host=...", "Schema":
/// "claims_ledger" } }</c>) and checked at start. Each stands for the <see cref="PostgreSqlStoreOptions"/> property of
/// the same name, with the same default.
/// </summary>
public sealed class PostgreSqlServiceOptions
{
    private static readonly PostgreSqlStoreOptions Defaults = new() { ConnectionString = string.Empty };

    /// <summary>An Npgsql connection string; required.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>The schema holding the ledger's tables. Default <c>claims_ledger</c>.</summary>
    public string Schema { get; set; } = Defaults.Schema;

    /// <summary>How often an idle subscription checks for appends if a notification was missed. Default 1 s.</summary>
    public TimeSpan PollInterval { get; set; } = Defaults.PollInterval;

    /// <summary>Appends and reads taking at least this long are logged as warnings. Default 1 s.</summary>
    public TimeSpan SlowQueryThreshold { get; set; } = Defaults.SlowQueryThreshold;

    /// <summary>How a ledger learns of other processes' appends before a view. Default <c>Query</c>.</summary>
    public PostgreSqlChangeDetection ChangeDetection { get; set; } = Defaults.ChangeDetection;

    /// <summary>With <c>Notification</c>, the longest a ledger goes without asking the server. Default 1 s.</summary>
    public TimeSpan NotificationMaxLag { get; set; } = Defaults.NotificationMaxLag;

    /// <summary>The store options these settings stand for, with the container's clock and loggers.</summary>
    internal PostgreSqlStoreOptions ToStoreOptions(TimeProvider clock, ILoggerFactory? loggerFactory) => new()
    {
        ConnectionString = ConnectionString!,
        Schema = Schema,
        PollInterval = PollInterval,
        SlowQueryThreshold = SlowQueryThreshold,
        ChangeDetection = ChangeDetection,
        NotificationMaxLag = NotificationMaxLag,
        Clock = clock,
        LoggerFactory = loggerFactory,
    };
}
