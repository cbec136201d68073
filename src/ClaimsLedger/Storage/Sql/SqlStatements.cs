namespace ClaimsLedger.Storage.Sql;

/// <summary>
/// The SQL a backend supplies to <see cref="SqlEventStore"/>; public so that other SQL backends can be written. Every statement uses named parameters; identifiers
/// (table names) are fixed by the backend, never taken from input.
/// </summary>
/// <remarks>
/// Columns of an event row, in this order: position, stream, version, event_id, type, data, metadata, recorded_at
/// (UTC ticks), hash, previous_hash (NULL without a chain). Parameters: @position, @stream, @version, @event_id,
/// @type, @data, @metadata, @recorded_at, @hash, @previous_hash, @from, @count, @ids.
/// </remarks>
public sealed record SqlStatements
{
    /// <summary>
    /// Reads the head (last position, its recordedAt, its hash, and the hash stored with the event at that position) and,
    /// in a write transaction, locks it.
    /// </summary>
    public required string ReadHeadForAppend { get; init; }

    /// <summary>Sets the head to @position, @recorded_at, @hash.</summary>
    public required string UpdateHead { get; init; }

    /// <summary>Sets the head's hash to @hash.</summary>
    public required string UpdateHeadHash { get; init; }

    /// <summary>Sets hash = @hash and previous_hash = @previous_hash of the event at @position.</summary>
    public required string UpdateChain { get; init; }

    /// <summary>The last version of @stream (NULL when it has none).</summary>
    public required string StreamVersion { get; init; }

    /// <summary>
    /// The highest version of each stream among the events with position &gt; @from and ≤ @to, as rows (stream,
    /// version): what other writers appended since this store object's last append. Null: every append looks up the
    /// version of each of its streams instead.
    /// </summary>
    public string? StreamVersionsSince { get; init; }

    /// <summary>Event rows whose event_id is in @ids (the backend decides how a list is bound).</summary>
    public required string FindEventIds { get; init; }

    /// <summary>Inserts one event row.</summary>
    public required string InsertEvent { get; init; }

    /// <summary>Up to @count rows of @stream with version ≥ @from, ascending.</summary>
    public required string ReadStreamForwards { get; init; }

    /// <summary>Up to @count rows of @stream with version ≤ @from, descending.</summary>
    public required string ReadStreamBackwards { get; init; }

    /// <summary>Up to @count rows with position ≥ @from, ascending.</summary>
    public required string ReadAllForwards { get; init; }

    /// <summary>Up to @count rows with position ≤ @from, descending.</summary>
    public required string ReadAllBackwards { get; init; }

    /// <summary>
    /// As <see cref="ReadAllForwards"/>, with NULL in place of hash and previous_hash: what a ledger reads to build its
    /// index, which does not check the chain (reading two 32-byte blobs a row is a fifth of a million-event load).
    /// Null: <see cref="ReadAllForwards"/> is used.
    /// </summary>
    public string? ReadAllForwardsWithoutHashes { get; init; }

    /// <summary>
    /// The head's position, without parameters: asked before an index read, which then reads no page when nothing is
    /// new. For a server that plans a parameterised page query again on every run (PostgreSQL keeps choosing a custom
    /// plan for it) while it caches the plan of a query without parameters. Null: the page is read at once.
    /// </summary>
    public string? ReadHeadPosition { get; init; }
}
