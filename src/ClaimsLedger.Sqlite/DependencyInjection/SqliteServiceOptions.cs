using Microsoft.Extensions.Logging;

namespace ClaimsLedger.Sqlite;

/// <summary>
/// The SQLite store's settings under dependency injection, bound from the <c>Sqlite</c> sub-section of the ledger's
/// configuration (e.g. <c>"ClaimsLedger": { "Sqlite": { "Path": "ledger.db" } }</c>) and checked at start. Each stands
/// for the <see cref="SqliteStoreOptions"/> property of the same name, with the same default.
/// </summary>
public sealed class SqliteServiceOptions
{
    private static readonly SqliteStoreOptions Defaults = new() { Path = string.Empty };

    /// <summary>The ledger file; required. Relative paths are resolved against the current directory.</summary>
    public string? Path { get; set; }

    /// <summary>Open for reading only. Default false.</summary>
    public bool ReadOnly { get; set; } = Defaults.ReadOnly;

    /// <summary>How long a writer waits for another process's write lock. Default 30 s.</summary>
    public TimeSpan BusyTimeout { get; set; } = Defaults.BusyTimeout;

    /// <summary>How often an idle subscription looks for other processes' appends. Default 200 ms.</summary>
    public TimeSpan PollInterval { get; set; } = Defaults.PollInterval;

    /// <summary>Appends and reads taking at least this long are logged as warnings. Default 1 s.</summary>
    public TimeSpan SlowQueryThreshold { get; set; } = Defaults.SlowQueryThreshold;

    /// <summary>The store options these settings stand for, with the container's clock and loggers.</summary>
    internal SqliteStoreOptions ToStoreOptions(TimeProvider clock, ILoggerFactory? loggerFactory) => new()
    {
        Path = Path!,
        ReadOnly = ReadOnly,
        BusyTimeout = BusyTimeout,
        PollInterval = PollInterval,
        SlowQueryThreshold = SlowQueryThreshold,
        Clock = clock,
        LoggerFactory = loggerFactory,
    };
}
