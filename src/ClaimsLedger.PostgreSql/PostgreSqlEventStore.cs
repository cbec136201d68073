using System.Data;
using System.Data.Common;
using ClaimsLedger.Storage;
using ClaimsLedger.Storage.Sql;
using Microsoft.Extensions.Logging;
using Npgsql;
using NpgsqlTypes;

namespace ClaimsLedger.PostgreSql;

/// <summary>
/// A ledger in a PostgreSQL schema, shared by any number of processes and machines.
/// </summary>
/// <remarks>
/// <para>Every append locks the schema's single head row for the length of its transaction, numbers its events from
/// the head, stamps recordedAt with max(clock now, head recordedAt) and moves the head. Appends therefore commit one
/// after another in position order: positions have no gaps, a reader never sees an event before one with a lower
/// position, and recordedAt never decreases along positions even when the writers' clocks disagree.</para>
/// <para>Subscriptions wake on <c>NOTIFY</c> and also poll, so a missed notification only delays them.</para>
/// <para>Thread-safe. Dispose to end subscriptions and close the pool.</para>
/// </remarks>
public sealed partial class PostgreSqlEventStore : SqlEventStore, IAppendStamp
{
    private const int CopyThreshold = 16;

    private readonly PostgreSqlStoreOptions _options;
    private readonly NpgsqlDataSource _dataSource;
    private readonly string _where;
    private readonly PostgreSqlListener _listener;
    private readonly long _started;

    private PostgreSqlEventStore(PostgreSqlStoreOptions options, NpgsqlDataSource dataSource, string where)
        : base(options.Clock, Statements(Quote(options.Schema)), options.PollInterval,
            options.LoggerFactory?.CreateLogger<PostgreSqlEventStore>(), options.SlowQueryThreshold)
    {
        _options = options;
        _dataSource = dataSource;
        _where = where;
        _listener = new PostgreSqlListener(dataSource, Channel, SignalAppended, options.ListenerKeepAlive);
        _started = options.Clock.GetTimestamp();
    }

    /// <summary>The highest schema version this library reads and writes.</summary>
    public static int SchemaVersion => PostgreSqlSchema.Latest;

    /// <summary>The schema holding the ledger.</summary>
    public string Schema => _options.Schema;

    /// <inheritdoc/>
    protected override string Description => $"PostgreSQL at {_where}";

    private string Channel => ChannelOf(_options.Schema);

    /// <summary>
    /// The store's LISTEN/NOTIFY channel: <c>claims_ledger_</c> + schema, within PostgreSQL's 63-byte names (a longer
    /// one made every <c>pg_notify</c>, and so every append, fail): past that, the schema's start and a hash of it.
    /// </summary>
    internal static string ChannelOf(string schema)
    {
        const string prefix = "claims_ledger_";
        const int maxLength = 63;
        var channel = prefix + schema;
        if (channel.Length <= maxLength)
        {
            return channel;
        }

        var hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(
            System.Text.Encoding.UTF8.GetBytes(schema)))[..16];
        return prefix + schema[..(maxLength - prefix.Length - 1 - hash.Length)] + "_" + hash;
    }

    private string Table(string name) => $"{Quote(_options.Schema)}.{name}";

    /// <summary>Connects to the server and creates or upgrades the ledger schema as needed.</summary>
    /// <exception cref="ArgumentException">Invalid options or connection string.</exception>
    /// <exception cref="StoreUnavailableException">The server cannot be reached, or refuses the credentials.</exception>
    /// <exception cref="StoreSchemaException">The schema holds something else, or a newer ledger.</exception>
    public static async Task<PostgreSqlEventStore> OpenAsync(PostgreSqlStoreOptions options,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        NpgsqlConnectionStringBuilder builder;
        try
        {
            builder = new NpgsqlConnectionStringBuilder(options.ConnectionString);
        }
        catch (ArgumentException e)
        {
            throw new ArgumentException($"PostgreSqlStoreOptions.ConnectionString is not valid: {e.Message}",
                nameof(options), e);
        }

        ConnectionDefaults.Apply(builder, options.ConnectionString);
        var where = $"{builder.Host}:{builder.Port}/{builder.Database}, schema {options.Schema}, user {builder.Username}";
        var store = new PostgreSqlEventStore(options, NpgsqlDataSource.Create(builder), where);
        try
        {
            await new PostgreSqlSchema(store).EnsureAsync(cancellationToken).ConfigureAwait(false);
            return store;
        }
        catch
        {
            await store.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Connects with a connection string, using the default schema.</summary>
    /// <exception cref="StoreUnavailableException">The server cannot be reached, or refuses the credentials.</exception>
    /// <exception cref="StoreSchemaException">The schema holds something else, or a newer ledger.</exception>
    public static Task<PostgreSqlEventStore> OpenAsync(string connectionString,
        CancellationToken cancellationToken = default) =>
        OpenAsync(new PostgreSqlStoreOptions { ConnectionString = connectionString }, cancellationToken);

    /// <inheritdoc/>
    protected override async ValueTask<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken) =>
        await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);

    /// <inheritdoc/>
    protected override async ValueTask<DbTransaction> BeginAppendAsync(DbConnection connection,
        CancellationToken cancellationToken) =>
        // The head row lock (SELECT ... FOR UPDATE in ReadHeadForAppend) serialises writers; READ COMMITTED then
        // lets each one see everything committed before it got the lock.
        await ((NpgsqlConnection)connection).BeginTransactionAsync(IsolationLevel.ReadCommitted, cancellationToken)
            .ConfigureAwait(false);

    /// <inheritdoc/>
    internal override bool DetectsDuplicateEventIds => true;

    /// <inheritdoc/>
    internal override bool IsUniqueViolation(Exception error) =>
        error is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation };

    /// <inheritdoc/>
    protected override DbCommand FindEventIdsCommand(DbConnection connection, DbTransaction transaction,
        IReadOnlyList<Guid> ids)
    {
        var command = Command(connection, transaction, Sql.FindEventIds);
        command.Parameters.Add(new NpgsqlParameter("ids", NpgsqlDbType.Array | NpgsqlDbType.Uuid) { Value = ids.ToArray() });
        return command;
    }

    /// <inheritdoc/>
    protected override DbCommand? StreamVersionsCommand(DbConnection connection, DbTransaction transaction,
        IReadOnlyList<string> streams)
    {
        // One round trip for every stream of the batch; each max() is answered from the (stream, version) index.
        var command = Command(connection, transaction,
            $"SELECT s, (SELECT max(version) FROM {Table("events")} WHERE stream = s) FROM unnest(@streams) AS s");
        command.Parameters.Add(new NpgsqlParameter("streams", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = streams.ToArray() });
        return command;
    }

    /// <inheritdoc/>
    protected override int LookupChunkSize => 10_000;

    /// <inheritdoc/>
    protected override async Task InsertAsync(DbConnection connection, DbTransaction transaction,
        IReadOnlyList<EventRow> rows, CancellationToken cancellationToken)
    {
        if (rows.Count < CopyThreshold)
        {
            await base.InsertAsync(connection, transaction, rows, cancellationToken).ConfigureAwait(false);
            return;
        }

        // Large appends stream through binary COPY, inside the same transaction.
        var copy = $"COPY {Table("events")} (position, stream, version, event_id, type, data, metadata, recorded_at, hash, " +
                   "previous_hash) FROM STDIN (FORMAT BINARY)";
        var importer = await ((NpgsqlConnection)connection).BeginBinaryImportAsync(copy, cancellationToken)
            .ConfigureAwait(false);
        await using var _ = importer.ConfigureAwait(false);
        foreach (var row in rows)
        {
            await importer.StartRowAsync(cancellationToken).ConfigureAwait(false);
            await importer.WriteAsync(row.Position, NpgsqlDbType.Bigint, cancellationToken).ConfigureAwait(false);
            await importer.WriteAsync(row.Stream.Value, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
            await importer.WriteAsync(row.Version, NpgsqlDbType.Bigint, cancellationToken).ConfigureAwait(false);
            await importer.WriteAsync(row.Data.EventId, NpgsqlDbType.Uuid, cancellationToken).ConfigureAwait(false);
            await importer.WriteAsync(row.Data.Type, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
            await importer.WriteAsync(row.Data.Data, NpgsqlDbType.Bytea, cancellationToken).ConfigureAwait(false);
            await importer.WriteAsync(row.Data.Metadata, NpgsqlDbType.Bytea, cancellationToken).ConfigureAwait(false);
            await importer.WriteAsync(row.RecordedAt.UtcTicks, NpgsqlDbType.Bigint, cancellationToken).ConfigureAwait(false);
            await WriteBytesOrNullAsync(importer, row.Hash, cancellationToken).ConfigureAwait(false);
            await WriteBytesOrNullAsync(importer, row.PreviousHash, cancellationToken).ConfigureAwait(false);
        }

        await importer.CompleteAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async Task WriteBytesOrNullAsync(NpgsqlBinaryImporter importer, byte[]? value,
        CancellationToken cancellationToken)
    {
        if (value is null)
        {
            await importer.WriteNullAsync(cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await importer.WriteAsync(value, NpgsqlDbType.Bytea, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <inheritdoc/>
    protected override bool HashChain => _options.HashChain;

    // One statement per page instead of a round trip per event: an upgrade of a big ledger holds its locks briefly.
    internal override async Task WriteChainAsync(DbConnection connection, DbTransaction transaction, IReadOnlyList<ChainedRow> rows,
        CancellationToken cancellationToken)
    {
        if (rows.Count == 0)
        {
            return;
        }

        await using var update = new NpgsqlCommand(
            $"UPDATE {Table("events")} AS e SET hash = u.hash, previous_hash = u.previous_hash " +
            "FROM unnest(@positions, @hashes, @previous) AS u(position, hash, previous_hash) WHERE e.position = u.position",
            (NpgsqlConnection)connection, (NpgsqlTransaction)transaction);
        update.Parameters.Add(new NpgsqlParameter<long[]>("positions", [.. rows.Select(r => r.Position)]));
        update.Parameters.Add(new NpgsqlParameter<byte[][]>("hashes", [.. rows.Select(r => r.Hash)]));
        update.Parameters.Add(new NpgsqlParameter<byte[][]>("previous", [.. rows.Select(r => r.PreviousHash)]));
        await update.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    protected override async Task OnAppendingAsync(DbConnection connection, DbTransaction transaction,
        long lastPosition, CancellationToken cancellationToken)
    {
        // Delivered when (and only if) the transaction commits.
        using var notify = Command(connection, transaction, "SELECT pg_notify(@channel, @position)",
            ("channel", Channel), ("position", lastPosition.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        await notify.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    protected override async Task WaitForAppendAsync(CancellationToken cancellationToken)
    {
        _listener.EnsureStarted(DisposedToken);
        await base.WaitForAppendAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// With <see cref="PostgreSqlChangeDetection.Notification"/>: the notifications heard, this store's own commits
    /// (counted before its append returns, so a ledger sees its own writes at once) and the
    /// <see cref="PostgreSqlStoreOptions.NotificationMaxLag"/> periods passed. Each only grows, so the sum moves when
    /// any of them does. Null (ask the server) in <see cref="PostgreSqlChangeDetection.Query"/> mode, while not
    /// listening, and once disposed.
    /// </summary>
    long? IAppendStamp.ReadAppendStamp()
    {
        if (_options.ChangeDetection != PostgreSqlChangeDetection.Notification || DisposedToken.IsCancellationRequested)
        {
            return null;
        }

        _listener.EnsureStarted(DisposedToken);
        if (_listener.Heard is not { } heard)
        {
            return null;
        }

        var periods = _options.Clock.GetElapsedTime(_started).Ticks / _options.NotificationMaxLag.Ticks;
        return heard + Commits + periods;
    }

    /// <summary>With notifications, another process's commit moves the stamp only once its notification arrives.</summary>
    bool IAppendStamp.StampMayTrail => _options.ChangeDetection == PostgreSqlChangeDetection.Notification;

    /// <inheritdoc/>
    protected override LedgerStoreException? Translate(Exception error, string operation) =>
        PostgreSqlErrors.Translate(error, operation, _where);

    /// <inheritdoc/>
    protected override async ValueTask DisposeCoreAsync()
    {
        await _listener.DisposeAsync().ConfigureAwait(false);
        await _dataSource.DisposeAsync().ConfigureAwait(false);
    }

    internal NpgsqlDataSource DataSource => _dataSource;

    internal void LogSchemaChange(int from, int to) => SqlStoreLog.SchemaChanged(Logger, Description, from, to);

    internal string Where => _where;

    internal static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    private static SqlStatements Statements(string schema)
    {
        var events = "SELECT position, stream, version, event_id, type, data, metadata, recorded_at, hash, previous_hash " +
                     $"FROM {schema}.events";
        return new SqlStatements
        {
            ReadHeadForAppend = $"SELECT h.position, h.recorded_at, h.hash, e.hash FROM {schema}.head h " +
                                $"LEFT JOIN {schema}.events e ON e.position = h.position WHERE h.id = 1 FOR UPDATE OF h",
            UpdateHead = $"UPDATE {schema}.head SET position = @position, recorded_at = @recorded_at, hash = @hash WHERE id = 1",
            UpdateHeadHash = $"UPDATE {schema}.head SET hash = @hash WHERE id = 1",
            UpdateChain = $"UPDATE {schema}.events SET hash = @hash, previous_hash = @previous_hash WHERE position = @position",
            StreamVersion = $"SELECT max(version) FROM {schema}.events WHERE stream = @stream",
            FindEventIds = events + " WHERE event_id = ANY(@ids)",
            StreamVersionsSince = $"SELECT stream, max(version) FROM {schema}.events WHERE position > @from AND position <= @to " +
                                  "GROUP BY stream",
            InsertEvent = $"INSERT INTO {schema}.events (position, stream, version, event_id, type, data, metadata, recorded_at, " +
                          "hash, previous_hash) VALUES (@position, @stream, @version, @event_id, @type, @data, @metadata, " +
                          "@recorded_at, @hash, @previous_hash)",
            ReadStreamForwards = events + " WHERE stream = @stream AND version >= @from ORDER BY version LIMIT @count",
            ReadStreamBackwards = events + " WHERE stream = @stream AND version <= @from ORDER BY version DESC LIMIT @count",
            ReadAllForwards = events + " WHERE position >= @from ORDER BY position LIMIT @count",
            ReadAllBackwards = events + " WHERE position <= @from ORDER BY position DESC LIMIT @count",
            ReadAllForwardsWithoutHashes = "SELECT position, stream, version, event_id, type, data, metadata, recorded_at, " +
                                           $"NULL::bytea, NULL::bytea FROM {schema}.events WHERE position >= @from " +
                                           "ORDER BY position LIMIT @count",
            ReadHeadPosition = $"SELECT position FROM {schema}.head WHERE id = 1",
        };
    }
}
