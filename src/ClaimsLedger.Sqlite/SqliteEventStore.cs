using System.Data;
using System.Data.Common;
using ClaimsLedger.Storage;
using ClaimsLedger.Storage.Sql;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using SQLitePCL;

namespace ClaimsLedger.Sqlite;

/// <summary>
/// A ledger in one SQLite file: durable commits (WAL, <c>synchronous=FULL</c>), one writer at a time with any
/// number of readers, safe to open from several processes. The embedded default store.
/// </summary>
/// <remarks>
/// <para>Open with <see cref="OpenAsync(string, CancellationToken)"/>; the file and its schema are created or
/// upgraded as needed. A file that is not a ledger, or one written by a newer version, is refused without being
/// modified.</para>
/// <para>Thread-safe. Dispose to end subscriptions and release pooled connections (and the file's handles).</para>
/// </remarks>
public sealed partial class SqliteEventStore : SqlEventStore, IAppendStamp
{
    private const string Events =
        "SELECT position, stream, version, event_id, type, data, metadata, recorded_at, hash, previous_hash FROM ledger_events";

    private static readonly SqlStatements Statements = new()
    {
        ReadHeadForAppend = "SELECT h.position, h.recorded_at, h.hash, e.hash FROM ledger_head h " +
                            "LEFT JOIN ledger_events e ON e.position = h.position WHERE h.id = 1",
        UpdateHead = "UPDATE ledger_head SET position = @position, recorded_at = @recorded_at, hash = @hash WHERE id = 1",
        UpdateHeadHash = "UPDATE ledger_head SET hash = @hash WHERE id = 1",
        UpdateChain = "UPDATE ledger_events SET hash = @hash, previous_hash = @previous_hash WHERE position = @position",
        StreamVersion = "SELECT max(version) FROM ledger_events WHERE stream = @stream",
        FindEventIds = Events + " WHERE event_id IN ({ids})",
        StreamVersionsSince = "SELECT stream, max(version) FROM ledger_events WHERE position > @from AND position <= @to " +
                              "GROUP BY stream",
        InsertEvent = "INSERT INTO ledger_events (position, stream, version, event_id, type, data, metadata, recorded_at, " +
                      "hash, previous_hash) VALUES (@position, @stream, @version, @event_id, @type, @data, @metadata, " +
                      "@recorded_at, @hash, @previous_hash)",
        ReadStreamForwards = Events + " WHERE stream = @stream AND version >= @from ORDER BY version LIMIT @count",
        ReadStreamBackwards = Events + " WHERE stream = @stream AND version <= @from ORDER BY version DESC LIMIT @count",
        ReadAllForwards = Events + " WHERE position >= @from ORDER BY position LIMIT @count",
        ReadAllBackwards = Events + " WHERE position <= @from ORDER BY position DESC LIMIT @count",
        ReadAllForwardsWithoutHashes = "SELECT position, stream, version, event_id, type, data, metadata, recorded_at, " +
                                       "NULL, NULL FROM ledger_events WHERE position >= @from ORDER BY position LIMIT @count",
    };

    private readonly SqliteStoreOptions _options;
    private readonly string _connectionString;

    // The connections the index read runs on (see SqliteIndexConnections).
    private readonly SqliteIndexConnections _indexConnections;

    // A connection kept open only to ask SQLite whether another connection committed (PRAGMA data_version), and the
    // pragma prepared on it once. Asked before every view: stepped on SQLite's own API, since an ADO.NET command made a
    // reader and its parameters each time (~2 µs and ~380 B a view on a million-event ledger, a probe, 2026-11-30).
    private readonly Lock _probeGate = new();
    private SqliteConnection? _probe;
    private sqlite3_stmt? _dataVersion;
    private int _probeGeneration;

    private SqliteEventStore(SqliteStoreOptions options, string connectionString)
        : base(options.Clock, Statements, options.PollInterval, options.LoggerFactory?.CreateLogger<SqliteEventStore>(),
            options.SlowQueryThreshold)
    {
        _options = options;
        _indexConnections = new SqliteIndexConnections(options.Path, options.ReadOnly);
        _connectionString = connectionString;
    }

    /// <summary>The highest schema version this library reads and writes.</summary>
    public static int SchemaVersion => SqliteSchema.Latest;

    /// <summary>The full path of the ledger file.</summary>
    public string Path => _options.Path;

    /// <inheritdoc/>
    protected override bool IsReadOnly => _options.ReadOnly;

    /// <inheritdoc/>
    protected override bool HashChain => _options.HashChain;

    /// <inheritdoc/>
    protected override string Description => $"the ledger file '{_options.Path}'";

    /// <summary>Opens (or creates) the ledger file at <paramref name="path"/> for reading and writing.</summary>
    /// <exception cref="StoreSchemaException">The file is not a ledger, or comes from a newer version.</exception>
    /// <exception cref="StoreReadOnlyException">The file is read-only; open it with <see cref="SqliteStoreOptions.ReadOnly"/>.</exception>
    /// <exception cref="StoreUnavailableException">The file cannot be opened.</exception>
    public static Task<SqliteEventStore> OpenAsync(string path, CancellationToken cancellationToken = default) =>
        OpenAsync(new SqliteStoreOptions { Path = path }, cancellationToken);

    /// <summary>Opens (or creates) a ledger file as <paramref name="options"/> say.</summary>
    /// <exception cref="ArgumentException">Invalid options.</exception>
    /// <exception cref="StoreSchemaException">The file is not a ledger, or comes from a newer version.</exception>
    /// <exception cref="StoreReadOnlyException">The file is read-only but <see cref="SqliteStoreOptions.ReadOnly"/> is not set.</exception>
    /// <exception cref="StoreUnavailableException">The file cannot be opened.</exception>
    public static async Task<SqliteEventStore> OpenAsync(SqliteStoreOptions options,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        options = options with { Path = System.IO.Path.GetFullPath(options.Path) };
        SqliteFile.CheckBeforeOpening(options);

        var connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = options.Path,
            Mode = options.ReadOnly ? SqliteOpenMode.ReadOnly : SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = (int)Math.Ceiling(options.BusyTimeout.TotalSeconds),
        }.ToString();
        var store = new SqliteEventStore(options, connectionString);
        try
        {
            await new SqliteSchema(store, options).EnsureAsync(cancellationToken).ConfigureAwait(false);
            return store;
        }
        catch
        {
            await store.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <inheritdoc/>
    protected override async ValueTask<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <inheritdoc/>
    protected override ValueTask<DbTransaction> BeginAppendAsync(DbConnection connection,
        CancellationToken cancellationToken)
    {
        // Durable commits: with WAL, FULL syncs the log on every commit (NORMAL could lose the last ones on power loss).
        // Set per write, not per open, so that reads (a catch-up before every view) do not pay for it.
        Durable(connection);
        // Not deferred: BEGIN IMMEDIATE takes the write lock now, so the head cannot move under us.
        return ValueTask.FromResult<DbTransaction>(((SqliteConnection)connection).BeginTransaction(IsolationLevel.Serializable, deferred: false));
    }

    private static void Durable(DbConnection connection)
    {
        long pages = 0, pageSize = 4096;
        using (var size = Command(connection, null, "SELECT page_count, page_size FROM pragma_page_count(), pragma_page_size()"))
        using (var reader = size.ExecuteReader())
        {
            if (reader.Read())
            {
                (pages, pageSize) = (reader.GetInt64(0), reader.GetInt64(1));
            }
        }

        // A 64 MiB page cache (SQLite's default is 2 MiB) keeps the pages of the event-id and stream indexes that
        // random ids touch: on a million-event ledger the appends otherwise re-read most of them from the OS each time.
        var checkpoint = CheckpointPages(pages, pageSize);
        using var pragma = Command(connection, null,
            "PRAGMA synchronous = FULL; PRAGMA cache_size = -65536; " +
            $"PRAGMA wal_autocheckpoint = {checkpoint}; PRAGMA journal_size_limit = {checkpoint * pageSize}");
        pragma.ExecuteNonQuery();
    }

    /// <summary>
    /// How many pages the write-ahead log may hold before a commit copies it into the file: a quarter of the file, from
    /// 32 to 256 MiB of pages (1,024 to 8,192 pages of 32 KiB, the size of a new ledger's pages; 8,192 to 65,536 of
    /// 4 KiB, a ledger made by an earlier version). The log is also cut back to that size once copied.
    /// </summary>
    /// <remarks>
    /// Every durable commit writes each page it touched to the log, and an append with random event ids touches most
    /// pages of the two indexes; a checkpoint then copies each distinct page once. At a fixed 32 MiB a million-event
    /// ledger checkpointed at almost every 10,000-event commit; letting the log grow with the file copies a hot page
    /// once per several commits. Small ledgers keep the small log; the disk a log takes stays below a quarter of the
    /// file (or 32 MiB).
    /// </remarks>
    internal static long CheckpointPages(long filePages, long pageSize) =>
        Math.Clamp(filePages / 4, MinimumLog / pageSize, MaximumLog / pageSize);

    private const long MinimumLog = 32L << 20, MaximumLog = 256L << 20;

    long? IAppendStamp.ReadAppendStamp()
    {
        lock (_probeGate)
        {
            if (DisposedToken.IsCancellationRequested)
            {
                return null;
            }

            try
            {
                if (_dataVersion is null)
                {
                    _probe = new SqliteConnection(_connectionString);
                    _probe.Open();
                    Check(raw.sqlite3_prepare_v2(_probe.Handle!, "PRAGMA data_version", out var prepared), _probe.Handle!);
                    _dataVersion = prepared;
                    _probeGeneration++;
                }

                // Changes whenever any other connection, in this process or another, commits to the file.
                var stepped = ProbeInterference?.Invoke() is { } staged and not Row ? staged : raw.sqlite3_step(_dataVersion);
                long? version = stepped == Row ? raw.sqlite3_column_int64(_dataVersion, 0) : null;
                var reset = raw.sqlite3_reset(_dataVersion);
                if (version is { } current && reset == raw.SQLITE_OK)
                {
                    // data_version counts per connection: a stamp of a reopened probe must not equal one of the last.
                    return ((long)_probeGeneration << 40) | current;
                }

                // A busy or locked file (a WAL recovery, an exclusive lock) is passing: no stamp now (the caller reads
                // the store), the probe kept. Anything else closes it, to be opened again on the next call.
                if ((stepped & 0xFF) is not (raw.SQLITE_BUSY or raw.SQLITE_LOCKED))
                {
                    CloseProbe();
                }

                return null;
            }
            catch (SqliteException)
            {
                CloseProbe();
                return null;
            }
        }
    }

    /// <summary>The stamp the ledger compares before a view (<c>IAppendStamp</c>, internal to the core assembly).</summary>
    internal long? ChangeStamp() => ((IAppendStamp)this).ReadAppendStamp();

    /// <summary>
    /// A test's stand-in for a probe step that fails: asked before each step of <c>PRAGMA data_version</c>, it returns
    /// the result code the step gets instead (SQLITE_ROW: step).
    /// </summary>
    internal Func<int>? ProbeInterference { get; set; }

    private void CloseProbe()
    {
        _dataVersion?.Dispose();
        _dataVersion = null;
        _probe?.Dispose();
        _probe = null;
    }

    /// <inheritdoc/>
    internal override bool DetectsDuplicateEventIds => true;

    /// <inheritdoc/>
    internal override bool IsUniqueViolation(Exception error) =>
        error is SqliteException { SqliteExtendedErrorCode: SqliteUniqueConstraint };

    // SQLITE_CONSTRAINT_UNIQUE: the extended result code of a UNIQUE index refusing a row.
    private const int SqliteUniqueConstraint = 2067;

    /// <inheritdoc/>
    protected override DbCommand FindEventIdsCommand(DbConnection connection, DbTransaction transaction,
        IReadOnlyList<Guid> ids)
    {
        var names = ids.Select((_, i) => $"@id{i}").ToArray();
        var command = Command(connection, transaction, Sql.FindEventIds.Replace("{ids}", string.Join(", ", names),
            StringComparison.Ordinal));
        for (var i = 0; i < ids.Count; i++)
        {
            // As the ids are stored: 16 bytes (a Guid parameter would be bound as text and match nothing).
            command.Parameters.Add(new SqliteParameter(names[i], ids[i].ToByteArray()));
        }

        return command;
    }

    /// <inheritdoc/>
    protected override LedgerStoreException? Translate(Exception error, string operation) =>
        SqliteErrors.Translate(error, operation, _options.Path);

    /// <inheritdoc/>
    protected override ValueTask DisposeCoreAsync()
    {
        lock (_probeGate)
        {
            CloseProbe();
        }

        _indexConnections.Dispose();

        // Pooled connections keep the file open; release them so the file can be moved or deleted.
        using var connection = new SqliteConnection(_connectionString);
        SqliteConnection.ClearPool(connection);
        return ValueTask.CompletedTask;
    }

    /// <summary>
    /// The connection string of the store's own (pooled) connections: a test opening a connection with it gets one of
    /// the store's from the pool, to read the per-connection settings an append left on it.
    /// </summary>
    internal string ConnectionString => _connectionString;

    internal void LogSchemaChange(int from, int to) => SqlStoreLog.SchemaChanged(Logger, Description, from, to);

    internal async ValueTask<DbConnection> OpenForSchemaAsync(CancellationToken cancellationToken)
    {
        var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        if (!_options.ReadOnly)
        {
            Durable(connection);
        }

        return connection;
    }

    internal static DbCommand SchemaCommand(DbConnection connection, DbTransaction? transaction, string sql,
        params (string Name, object? Value)[] parameters) => Command(connection, transaction, sql, parameters);
}
