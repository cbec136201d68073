using System.Text.RegularExpressions;
using ClaimsLedger.Storage.Sql;
using Microsoft.Extensions.Logging;

namespace ClaimsLedger.PostgreSql;

/// <summary>How to reach a PostgreSQL ledger.</summary>
public sealed partial record PostgreSqlStoreOptions
{
    /// <summary>An Npgsql connection string, e.g. <c>Host=127.0.0.1;Database=claims;Username=claims;Password=...</c>.</summary>
    public required string ConnectionString { get; init; }

    /// <summary>
    /// The schema holding the ledger's tables, created when missing: lowercase letters, digits and '_', starting with
    /// a letter or '_', at most 63 characters. Default <c>claims_ledger</c>.
    /// </summary>
    public string Schema { get; init; } = "claims_ledger";

    /// <summary>
    /// Keep the hash chain over the events (docs/integrity.md). Default true; false only to measure what it costs, since
    /// events written without it break the chain.
    /// </summary>
    public bool HashChain { get; init; } = true;

    /// <summary>Stamps recordedAt. Default <see cref="TimeProvider.System"/>; give the ledger the same clock.</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;

    /// <summary>How often an idle subscription checks for appends if a notification was missed. Default 1 s.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How a ledger on this store learns of other processes' appends before a view. Default
    /// <see cref="PostgreSqlChangeDetection.Query"/>: a round trip per view, every view current.
    /// <see cref="PostgreSqlChangeDetection.Notification"/> skips the round trip until the server notifies an append.
    /// </summary>
    public PostgreSqlChangeDetection ChangeDetection { get; init; } = PostgreSqlChangeDetection.Query;

    /// <summary>
    /// With <see cref="PostgreSqlChangeDetection.Notification"/>, the longest a ledger trusts the absence of
    /// notifications (by <see cref="Clock"/>): it asks the server at least this often while views are made, so that a
    /// lost notification or a listening connection that stalled without an error delays a view by no more than this.
    /// Default 1 s; between 1 ms and 1 hour.
    /// </summary>
    public TimeSpan NotificationMaxLag { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How long the listening connection may stay silent before the store checks it still listens (tests shorten it).
    /// </summary>
    internal TimeSpan ListenerKeepAlive { get; init; } = PostgreSqlListener.DefaultKeepAlive;

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
        if (string.IsNullOrWhiteSpace(ConnectionString))
        {
            throw new ArgumentException("PostgreSqlStoreOptions.ConnectionString is required", nameof(ConnectionString));
        }

        if (Schema is null || !SchemaName().IsMatch(Schema))
        {
            throw new ArgumentException(
                $"PostgreSqlStoreOptions.Schema '{Schema}' is not a valid schema name: use 1-63 lowercase letters, " +
                "digits and '_', starting with a letter or '_'", nameof(Schema));
        }

        if (Clock is null)
        {
            throw new ArgumentException("PostgreSqlStoreOptions.Clock is required", nameof(Clock));
        }

        if (PollInterval <= TimeSpan.Zero || PollInterval > TimeSpan.FromMinutes(5))
        {
            throw new ArgumentException(
                $"PostgreSqlStoreOptions.PollInterval must be between 0 and 5 minutes, got {PollInterval}",
                nameof(PollInterval));
        }

        if (!Enum.IsDefined(ChangeDetection))
        {
            throw new ArgumentException(
                $"PostgreSqlStoreOptions.ChangeDetection {(int)ChangeDetection} is not a PostgreSqlChangeDetection",
                nameof(ChangeDetection));
        }

        if (NotificationMaxLag < TimeSpan.FromMilliseconds(1) || NotificationMaxLag > TimeSpan.FromHours(1))
        {
            throw new ArgumentException(
                $"PostgreSqlStoreOptions.NotificationMaxLag must be between 1 ms and 1 hour, got {NotificationMaxLag}",
                nameof(NotificationMaxLag));
        }

        SqlStoreSettings.CheckSlowQueryThreshold(nameof(PostgreSqlStoreOptions), SlowQueryThreshold);
    }

    [GeneratedRegex("^[a-z_][a-z0-9_]{0,62}$")]
    private static partial Regex SchemaName();
}
