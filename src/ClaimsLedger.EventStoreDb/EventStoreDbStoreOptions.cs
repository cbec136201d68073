using ClaimsLedger.Storage.Sql;
using Microsoft.Extensions.Logging;

namespace ClaimsLedger.EventStoreDb;

/// <summary>How to reach an EventStoreDB / KurrentDB node and where the ledger's streams live on it.</summary>
public sealed record EventStoreDbStoreOptions
{
    /// <summary>
    /// A connection string in EventStoreDB's usual form, e.g. <c>esdb://admin:changeit@127.0.0.1:2113?tls=false</c>
    /// (schemes <c>esdb</c>, <c>kurrentdb</c>, <c>kurrent</c>, <c>kdb</c>; keys are case-insensitive; see the README
    /// for every key). One node only: gossip discovery (<c>+discover</c>, several hosts) is refused.
    /// </summary>
    public required string ConnectionString { get; init; }

    /// <summary>
    /// Put in front of every ledger stream name on the server, e.g. <c>newsroom/</c> stores the claim stream
    /// <c>claim:x</c> as <c>newsroom/claim:x</c>, so several ledgers can share one cluster. Default empty: ledger
    /// streams map one to one. No control characters, must not start with <c>$</c>, at most 128 characters.
    /// </summary>
    public string StreamPrefix { get; init; } = string.Empty;

    /// <summary>Stamps recordedAt. Default <see cref="TimeProvider.System"/>; give the ledger the same clock.</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;

    /// <summary>
    /// Where slow appends and reads, and the sealing of events a writer left unsealed, are logged (category
    /// <see cref="EventStoreDbEventStore"/>; messages name the node and the stream prefix, never the password).
    /// Default null: no logging.
    /// </summary>
    public ILoggerFactory? LoggerFactory { get; init; }

    /// <summary>
    /// Appends and read calls (one page of a read) that take at least this long (by <see cref="Clock"/>) are logged as
    /// warnings. Default 1 s; zero logs every one; <see cref="Timeout.InfiniteTimeSpan"/> logs none.
    /// </summary>
    public TimeSpan SlowQueryThreshold { get; init; } = SqlStoreSettings.DefaultSlowQueryThreshold;

    /// <summary>Checks the values (the connection string is checked when the store opens).</summary>
    /// <exception cref="ArgumentException">A value is missing or invalid; the message names it.</exception>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(ConnectionString))
        {
            throw new ArgumentException("EventStoreDbStoreOptions.ConnectionString is required", nameof(ConnectionString));
        }

        if (StreamPrefix is null || StreamPrefix.Length > 128 || StreamPrefix.StartsWith('$') || StreamPrefix.Any(char.IsControl))
        {
            throw new ArgumentException(
                $"EventStoreDbStoreOptions.StreamPrefix '{StreamPrefix}' is not valid: use at most 128 characters, " +
                "no control characters, not starting with '$' (reserved for system streams)", nameof(StreamPrefix));
        }

        if (Clock is null)
        {
            throw new ArgumentException("EventStoreDbStoreOptions.Clock is required", nameof(Clock));
        }

        SqlStoreSettings.CheckSlowQueryThreshold(nameof(EventStoreDbStoreOptions), SlowQueryThreshold);
    }
}
