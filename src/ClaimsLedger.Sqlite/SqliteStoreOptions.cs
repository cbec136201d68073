using ClaimsLedger.Storage.Sql;
using Microsoft.Extensions.Logging;

namespace ClaimsLedger.Sqlite;

/// <summary>How to open a SQLite ledger file.</summary>
public sealed record SqliteStoreOptions
{
    /// <summary>The ledger file; created with the current schema when it does not exist.</summary>
    public required string Path { get; init; }

    /// <summary>Open for reading only: the file is never modified and appends fail. Default false.</summary>
    public bool ReadOnly { get; init; }

    /// <summary>
    /// Keep the hash chain over the events (docs/integrity.md). Default true; false only to measure what it costs, since
    /// events written without it break the chain.
    /// </summary>
    public bool HashChain { get; init; } = true;

    /// <summary>Stamps recordedAt. Default <see cref="TimeProvider.System"/>; give the ledger the same clock.</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;

    /// <summary>How long a writer waits for another process's write lock before failing. Default 30 s.</summary>
    public TimeSpan BusyTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How often an idle subscription looks for appends by other processes. Default 200 ms.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Where schema creation, upgrades and slow queries are logged. Default null: no logging.</summary>
    public ILoggerFactory? LoggerFactory { get; init; }

    /// <summary>
    /// Appends and reads that take at least this long (by <see cref="Clock"/>) are logged as warnings. Default 1 s;
    /// zero logs every one; <see cref="Timeout.InfiniteTimeSpan"/> logs none.
    /// </summary>
    public TimeSpan SlowQueryThreshold { get; init; } = SqlStoreSettings.DefaultSlowQueryThreshold;

    /// <summary>Checks the values.</summary>
    /// <exception cref="ArgumentException">A value is missing or out of range; the message names it.</exception>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(Path))
        {
            throw new ArgumentException("SqliteStoreOptions.Path is required", nameof(Path));
        }

        if (Clock is null)
        {
            throw new ArgumentException("SqliteStoreOptions.Clock is required", nameof(Clock));
        }

        if (BusyTimeout <= TimeSpan.Zero || BusyTimeout > TimeSpan.FromHours(1))
        {
            throw new ArgumentException($"SqliteStoreOptions.BusyTimeout must be between 0 and 1 hour, got {BusyTimeout}",
                nameof(BusyTimeout));
        }

        if (PollInterval <= TimeSpan.Zero || PollInterval > TimeSpan.FromMinutes(1))
        {
            throw new ArgumentException(
                $"SqliteStoreOptions.PollInterval must be between 0 and 1 minute, got {PollInterval}", nameof(PollInterval));
        }

        SqlStoreSettings.CheckSlowQueryThreshold(nameof(SqliteStoreOptions), SlowQueryThreshold);
    }
}
