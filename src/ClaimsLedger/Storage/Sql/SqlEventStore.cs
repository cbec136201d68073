using System.Data;
using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ClaimsLedger.Storage.Sql;

/// <summary>
/// The ADO.NET base shared by the SQL stores: appends serialised through a single head row (so positions are gap-free
/// and commit in position order), reads in pages, and catch-up subscriptions. A backend supplies connections, its
/// SQL (<see cref="SqlStatements"/>) and the translation of its errors.
/// </summary>
/// <remarks>
/// <para>Append algorithm: open a write transaction that locks the head row; check every part's expected version and
/// event ids; number the events from the head's position + 1; stamp recordedAt with max(clock now, head recordedAt);
/// insert; move the head; commit. Writers therefore commit one after another in position order, which is why a reader
/// can never see position n + 1 before position n, and why recordedAt never decreases along positions even when
/// writers' clocks disagree.</para>
/// <para>Thread-safe: every operation uses its own pooled connection.</para>
/// </remarks>
public abstract partial class SqlEventStore : IEventStore, IEventStoreRestore, ISequencedEventStore, IIndexSource
{
    private const int PageSize = 1000;

    private readonly CancellationTokenSource _disposed = new();
    private TaskCompletionSource _appended = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Creates the base with the backend's SQL.</summary>
    /// <param name="clock">Stamps recordedAt.</param>
    /// <param name="statements">The backend's SQL.</param>
    /// <param name="pollInterval">How often an idle subscription looks for other processes' appends.</param>
    protected SqlEventStore(TimeProvider clock, SqlStatements statements, TimeSpan pollInterval)
        : this(clock, statements, pollInterval, null, Timeout.InfiniteTimeSpan)
    {
    }

    /// <summary>Creates the base with the backend's SQL, a logger and a slow-query threshold.</summary>
    /// <param name="clock">Stamps recordedAt, and times queries.</param>
    /// <param name="statements">The backend's SQL.</param>
    /// <param name="pollInterval">How often an idle subscription looks for other processes' appends.</param>
    /// <param name="logger">Where schema changes and slow queries are logged; null for nowhere.</param>
    /// <param name="slowQueryThreshold">Appends and reads that take at least this long are logged as warnings;
    /// <see cref="Timeout.InfiniteTimeSpan"/> logs none.</param>
    protected SqlEventStore(TimeProvider clock, SqlStatements statements, TimeSpan pollInterval, ILogger? logger,
        TimeSpan slowQueryThreshold)
    {
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentNullException.ThrowIfNull(statements);
        Clock = clock;
        Sql = statements;
        PollInterval = pollInterval > TimeSpan.Zero ? pollInterval : TimeSpan.FromMilliseconds(200);
        Logger = logger ?? NullLogger.Instance;
        SlowQueryThreshold = slowQueryThreshold;
    }

    /// <inheritdoc/>
    public bool AtomicAcrossStreams => true;

    /// <summary>The clock that stamps recordedAt.</summary>
    protected TimeProvider Clock { get; }

    /// <summary>The backend's SQL.</summary>
    protected SqlStatements Sql { get; }

    /// <summary>How often an idle subscription polls.</summary>
    protected TimeSpan PollInterval { get; }

    /// <summary>Where schema changes and slow queries are logged.</summary>
    protected ILogger Logger { get; }

    /// <summary>Appends and reads taking at least this long are logged; <see cref="Timeout.InfiniteTimeSpan"/> for none.</summary>
    protected TimeSpan SlowQueryThreshold { get; }

    /// <summary>The store as log messages name it: a file, or a server and schema (never a password).</summary>
    protected virtual string Description => GetType().Name;

    /// <summary>True when the store keeps the hash chain (docs/integrity.md); false only to measure its cost.</summary>
    protected virtual bool HashChain => true;

    /// <summary>True when the store was opened read-only: appends fail with <see cref="StoreReadOnlyException"/>.</summary>
    protected virtual bool IsReadOnly => false;

    /// <summary>Cancelled when the store is disposed.</summary>
    protected CancellationToken DisposedToken => _disposed.Token;

    /// <summary>Opens a pooled connection ready for use.</summary>
    protected abstract ValueTask<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken);

    /// <summary>Begins the append transaction; the backend takes its writer lock here or in the head query.</summary>
    protected abstract ValueTask<DbTransaction> BeginAppendAsync(DbConnection connection,
        CancellationToken cancellationToken);

    /// <summary>A command selecting the event rows whose ids are in <paramref name="ids"/>.</summary>
    protected abstract DbCommand FindEventIdsCommand(DbConnection connection, DbTransaction transaction,
        IReadOnlyList<Guid> ids);

    /// <summary>
    /// A command returning (stream, last version or NULL) for each of <paramref name="streams"/> in one query; null (the
    /// default) makes the store run <see cref="SqlStatements.StreamVersion"/> once per stream instead.
    /// </summary>
    protected virtual DbCommand? StreamVersionsCommand(DbConnection connection, DbTransaction transaction,
        IReadOnlyList<string> streams) => null;

    /// <summary>
    /// True when <see cref="IsUniqueViolation"/> recognises the backend's unique-constraint error, so that an append may
    /// insert without looking its event ids up first and fall back to the lookup only when the insert is refused.
    /// </summary>
    internal virtual bool DetectsDuplicateEventIds => false;

    /// <summary>
    /// The last version of each of <paramref name="streams"/> (null for a stream with none) read inside the append's
    /// transaction by the backend's own means; null when the backend has none, and <see cref="StreamVersionsCommand"/>
    /// is used.
    /// </summary>
    internal virtual Dictionary<StreamName, long?>? ReadStreamVersions(DbConnection connection,
        IReadOnlyCollection<StreamName> streams, CancellationToken cancellationToken) => null;

    /// <summary>Whether <paramref name="error"/> is the backend's unique-constraint violation (read only when
    /// <see cref="DetectsDuplicateEventIds"/> is true).</summary>
    internal virtual bool IsUniqueViolation(Exception error) => false;

    /// <summary>How many stream names or event ids one lookup query carries at most.</summary>
    protected virtual int LookupChunkSize => 500;

    /// <summary>Turns a provider error into a ledger error that says what failed; null to rethrow as is.</summary>
    protected abstract LedgerStoreException? Translate(Exception error, string operation);

    /// <summary>Inserts the rows of an append, in position order; the default runs one prepared INSERT per row.</summary>
    /// <remarks>With the hash chain on, a large append's rows are hashed on another core while they are inserted: read
    /// them in order, as a list (not by casting it to a concrete type); a row whose hash cannot be computed throws from
    /// the read of it.</remarks>
    protected virtual async Task InsertAsync(DbConnection connection, DbTransaction transaction,
        IReadOnlyList<EventRow> rows, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rows);
        using var insert = Command(connection, transaction, Sql.InsertEvent);
        var parameters = new InsertParameterSet(insert);
        foreach (var row in rows)
        {
            cancellationToken.ThrowIfCancellationRequested();
            parameters.Set(row);
            await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Called inside the append transaction after the head moved, e.g. to notify listeners at commit.</summary>
    protected virtual Task OnAppendingAsync(DbConnection connection, DbTransaction transaction, long lastPosition,
        CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Waits until an append may have happened: this store's own appends wake it, others are polled.</summary>
    protected virtual async Task WaitForAppendAsync(CancellationToken cancellationToken)
    {
        var signal = _appended.Task;
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _disposed.Token);
        try
        {
            await signal.WaitAsync(PollInterval, linked.Token).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // Nothing appended here; another process may have.
        }
    }

    /// <summary>
    /// How many appends and restores this store object has committed: it moves before the call returns, so a change
    /// stamp built on it shows a ledger its own writes at once.
    /// </summary>
    internal long Commits => Volatile.Read(ref _commits);

    private long _commits;

    private void IncrementCommits() => Interlocked.Increment(ref _commits);

    /// <summary>Wakes this store's waiting subscriptions.</summary>
    protected void SignalAppended() =>
        Interlocked.Exchange(ref _appended, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously))
            .TrySetResult();

    /// <inheritdoc/>
    public async Task<IReadOnlyList<AppendResult>> AppendAsync(IReadOnlyList<StreamAppend> appends,
        CancellationToken cancellationToken = default)
    {
        AppendPlan.CheckArguments(appends);
        cancellationToken.ThrowIfCancellationRequested();
        ObjectDisposedException.ThrowIf(_disposed.IsCancellationRequested, this);
        if (IsReadOnly)
        {
            throw new StoreReadOnlyException("the store is open read-only; nothing was written");
        }

        try
        {
            var started = Clock.GetTimestamp();
            var results = await AppendCoreAsync(appends, cancellationToken).ConfigureAwait(false);
            LogIfSlow("append", started, appends.Sum(a => a.Events.Count));
            if (results.Any(r => !r.AlreadyPresent))
            {
                IncrementCommits();
                SignalAppended();
            }

            return results;
        }
        catch (Exception e) when (e is not LedgerException and not OperationCanceledException
                                  && Translate(e, "append") is { } translated)
        {
            throw translated;
        }
    }

    private async Task<IReadOnlyList<AppendResult>> AppendCoreAsync(IReadOnlyList<StreamAppend> appends,
        CancellationToken cancellationToken)
    {
        if (DetectsDuplicateEventIds)
        {
            try
            {
                return await AppendOnceAsync(appends, lookUpIds: false, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (IsUniqueViolation(e))
            {
                // A repeat, a partial repeat or a real conflict: nothing was committed, and the full check tells which.
                // It reads every stream: should the remembered versions ever be wrong, they are not relied on twice.
                _versionCache.Reset();
            }
        }

        return await AppendOnceAsync(appends, lookUpIds: true, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// One append transaction. Without <paramref name="lookUpIds"/> the event ids are looked up only when an expected
    /// version fails (a repeat's may): otherwise the unique index on event_id rejects a stored one during the insert,
    /// and the caller retries with the lookup, which tells an idempotent repeat from a conflict.
    /// </summary>
    private async Task<IReadOnlyList<AppendResult>> AppendOnceAsync(IReadOnlyList<StreamAppend> appends, bool lookUpIds,
        CancellationToken cancellationToken)
    {
        VersionRead? read = null;
        (long Position, byte[]? Hash)? committedHead = null;
        var appended = await WriteAsync<IReadOnlyList<AppendResult>>(async (connection, transaction, head) =>
        {
            var results = new AppendResult?[appends.Count];
            var versions = new long?[appends.Count];
            read = await CurrentVersionsAsync(connection, transaction, head, appends, cancellationToken)
                .ConfigureAwait(false);
            var current = read.Versions;
            var versionFails = !lookUpIds && appends.Any(a => !a.ExpectedVersion.IsSatisfiedBy(current[a.Stream]));
            var existing = lookUpIds || versionFails
                ? await FindExistingAsync(connection, transaction, appends.SelectMany(a => a.Events).Select(e => e.EventId),
                    cancellationToken).ConfigureAwait(false)
                : NoneExisting;
            for (var i = 0; i < appends.Count; i++)
            {
                var part = appends[i];
                versions[i] = current[part.Stream];
                results[i] = AppendPlan.FindRepeat(part, existing.Count == 0 ? existing : Within(part, existing),
                    versions[i]);
                if (results[i] is null)
                {
                    AppendPlan.CheckVersion(part, versions[i]);
                }
            }

            var now = Clock.GetUtcNow();
            var recordedAt = head.Position > 0 && head.RecordedAt > now ? head.RecordedAt : now;
            NoteClockBehindHead(recordedAt - now);
            var position = head.Position;
            var rows = new List<EventRow>();
            for (var i = 0; i < appends.Count; i++)
            {
                if (results[i] is not null)
                {
                    continue;
                }

                var part = appends[i];
                var first = position + 1;
                var version = versions[i] ?? -1;
                for (var n = 0; n < part.Events.Count; n++)
                {
                    var data = part.Events[n];
                    rows.Add(new EventRow(++position, part.Stream, ++version, data, recordedAt));
                }

                results[i] = new AppendResult(part.Stream, version < 0 ? null : version,
                    part.Events.Count == 0 ? GlobalPosition.Start : GlobalPosition.FromSequence(first),
                    part.Events.Count == 0 ? GlobalPosition.Start : GlobalPosition.FromSequence(position),
                    recordedAt, AlreadyPresent: false);
            }

            return (rows, results!);
        }, cancellationToken, (position, hash) => committedHead = (position, hash)).ConfigureAwait(false);

        if (HashChain && read is not null && committedHead is var (last, lastHash) && lastHash is not null)
        {
            // Committed (or nothing to write): what the append read and wrote holds as of the last position, whose chain
            // hash tells a later append that the history up to there is still this one.
            var known = new Dictionary<StreamName, long?>(read.Versions);
            foreach (var result in appended)
            {
                if (!result.AlreadyPresent && result.LastPosition > GlobalPosition.Start)
                {
                    known[result.Stream] = result.LastVersion;
                }
            }

            _versionCache.Advance(read.Basis, read.BasisHash, read.Changed, known, last, lastHash);
        }

        return appended;
    }

    private int _clockBehindWarned;

    /// <summary>
    /// Warns once, until the clock catches up, when this writer's stamps are held at a head stamped more than
    /// <see cref="SqlStoreSettings.ClockBehindHeadWarning"/> after its clock.
    /// </summary>
    private void NoteClockBehindHead(TimeSpan behind)
    {
        if (behind <= SqlStoreSettings.ClockBehindHeadWarning)
        {
            Volatile.Write(ref _clockBehindWarned, 0);
        }
        else if (Interlocked.Exchange(ref _clockBehindWarned, 1) == 0)
        {
            SqlStoreLog.ClockBehindHead(Logger, Description, (long)behind.TotalMilliseconds);
        }
    }

    private static readonly Dictionary<Guid, RecordedEvent> NoneExisting = [];

    private static Dictionary<Guid, RecordedEvent> Within(StreamAppend part, Dictionary<Guid, RecordedEvent> existing)
    {
        var found = new Dictionary<Guid, RecordedEvent>();
        for (var n = 0; n < part.Events.Count; n++)
        {
            var data = part.Events[n];
            if (existing.TryGetValue(data.EventId, out var stored))
            {
                found[data.EventId] = stored;
            }
        }

        return found;
    }

    /// <summary>
    /// One write transaction: lock and read the head, let <paramref name="plan"/> check and number the rows, insert
    /// them, move the head and commit. A plan that throws writes nothing.
    /// </summary>
    private async Task<T> WriteAsync<T>(
        Func<DbConnection, DbTransaction, Head, Task<(List<EventRow> Rows, T Result)>> plan,
        CancellationToken cancellationToken, Action<long, byte[]?>? committed = null)
    {
        var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var _ = connection.ConfigureAwait(false);
        var transaction = await BeginAppendAsync(connection, cancellationToken).ConfigureAwait(false);
        await using var __ = transaction.ConfigureAwait(false);

        var head = await ReadHeadAsync(connection, transaction, cancellationToken).ConfigureAwait(false);
        if (HashChain)
        {
            head = await ChainedHeadAsync(connection, transaction, head, cancellationToken).ConfigureAwait(false);
        }

        var (planned, result) = await plan(connection, transaction, head).ConfigureAwait(false);
        if (planned.Count == 0)
        {
            // Nothing to write: the store is as the plan read it.
            committed?.Invoke(head.Position, head.LastRowHash);
            return result;
        }

        // The chain continues from the head hash read in this transaction, which holds the writer lock.
        IReadOnlyList<EventRow> rows = planned;
        if (HashChain && planned.Exists(row => !row.ExpectedHash.IsEmpty))
        {
            // A restore: every hash is checked before anything is written.
            List<EventRow> restored = [.. ChainedRows.Create(planned, head.Hash)];
            CheckExpectedHashes(restored);
            rows = restored;
        }
        else if (HashChain)
        {
            rows = ChainedRows.Start(planned, head.Hash);
        }

        try
        {
            await InsertAsync(connection, transaction, rows, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            if (rows is ChainedRows chained)
            {
                await chained.StopAsync().ConfigureAwait(false);
            }
        }

        using (var update = Command(connection, transaction, Sql.UpdateHead,
                   ("position", rows[^1].Position), ("recorded_at", rows[^1].RecordedAt.UtcTicks),
                   ("hash", (object?)rows[^1].Hash ?? head.Hash)))
        {
            await update.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await OnAppendingAsync(connection, transaction, rows[^1].Position, cancellationToken).ConfigureAwait(false);

        // Once the commit starts it must finish: a cancelled commit would leave the caller unsure what was written.
        await transaction.CommitAsync(CancellationToken.None).ConfigureAwait(false);
        committed?.Invoke(rows[^1].Position, rows[^1].Hash);
        return result;
    }

    private static void CheckExpectedHashes(List<EventRow> rows)
    {
        for (var i = 0; i < rows.Count; i++)
        {
            if (!rows[i].ExpectedHash.IsEmpty && !rows[i].ExpectedHash.Span.SequenceEqual(rows[i].Hash))
            {
                throw new RestoreMismatchException(i, rows[i].Data.EventId, Integrity.EventHash.ToHex(rows[i].ExpectedHash.Span),
                    Integrity.EventHash.ToHex(rows[i].Hash));
            }
        }
    }

    /// <inheritdoc/>
    public async IAsyncEnumerable<RecordedEvent> ReadStreamAsync(StreamName stream, ReadDirection direction,
        long fromVersion, long maxCount, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var forwards = direction == ReadDirection.Forwards;
        var next = fromVersion;
        for (var remaining = maxCount; remaining > 0 && next >= 0;)
        {
            var count = (int)Math.Min(remaining, PageSize);
            var page = await QueryAsync(forwards ? Sql.ReadStreamForwards : Sql.ReadStreamBackwards, cancellationToken,
                ("stream", stream.Value), ("from", next), ("count", count)).ConfigureAwait(false);
            foreach (var e in page)
            {
                yield return e;
            }

            if (page.Count < count)
            {
                yield break;
            }

            remaining -= page.Count;
            next = forwards ? page[^1].StreamVersion + 1 : page[^1].StreamVersion - 1;
        }
    }

    /// <inheritdoc/>
    public IAsyncEnumerable<RecordedEvent> ReadAllAsync(ReadDirection direction, GlobalPosition from,
        long maxCount, CancellationToken cancellationToken = default) =>
        ReadAllAsync(direction, from, maxCount, Sql.ReadAllForwards, cancellationToken);

    async IAsyncEnumerable<IndexRow> IIndexSource.ReadAllForIndexAsync(GlobalPosition from, bool decode,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var first = true;
        for (var next = (long)Math.Min(from.Commit, long.MaxValue); ; first = false)
        {
            var page = await ReadIndexPageAsync(next, first, decode, cancellationToken).ConfigureAwait(false);
            foreach (var row in page)
            {
                yield return row;
            }

            if (page.Count < PageSize)
            {
                yield break;
            }

            next = page[^1].Recorded.Position.ToSequence() + 1;
        }
    }

    private async Task<List<IndexRow>> ReadIndexPageAsync(long from, bool first, bool decode,
        CancellationToken cancellationToken)
    {
        try
        {
            var started = Clock.GetTimestamp();
            if (ReadsIndexOnItsOwnConnections && Sql.ReadHeadPosition is null)
            {
                var own = await ReadIndexPageAsync(null, from, PageSize, decode, cancellationToken).ConfigureAwait(false);
                LogIfSlow("read", started, own.Count);
                return own;
            }

            var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            await using var _ = connection.ConfigureAwait(false);
            if (first && Sql.ReadHeadPosition is { } readHead)
            {
                using var ask = Command(connection, null, readHead);
                if (await ask.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is long head && head < from)
                {
                    // Nothing committed beyond what the reader holds: the head moves in the transaction that adds rows.
                    return [];
                }
            }

            var rows = await ReadIndexPageAsync(connection, from, PageSize, decode, cancellationToken).ConfigureAwait(false);
            LogIfSlow("read", started, rows.Count);
            return rows;
        }
        catch (Exception e) when (e is not LedgerException and not OperationCanceledException
                                  && Translate(e, "read") is { } translated)
        {
            throw translated;
        }
    }

    /// <summary>
    /// Whether the index read opens its own connections (no pooled connection is opened for it when the store has no
    /// head to ask first).
    /// </summary>
    internal virtual bool ReadsIndexOnItsOwnConnections => false;

    /// <summary>
    /// Up to <paramref name="count"/> events of the global order from position <paramref name="from"/> on, for an
    /// index: the chain hashes left empty; a backend may leave the metadata empty too (the index does not read it),
    /// and may decode the payloads as it reads them when <paramref name="decode"/> is set (this one does not: it
    /// receives every payload as an array of its own anyway).
    /// </summary>
    /// <param name="connection">A pooled connection to read on; null for a store that
    /// <see cref="ReadsIndexOnItsOwnConnections"/>.</param>
    /// <param name="from">The first position.</param>
    /// <param name="count">The most events to read.</param>
    /// <param name="decode">Whether the payloads may be decoded as they are read.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    internal virtual async Task<List<IndexRow>> ReadIndexPageAsync(DbConnection? connection, long from, int count,
        bool decode, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        using var command = Command(connection, null, Sql.ReadAllForwardsWithoutHashes ?? Sql.ReadAllForwards,
            ("from", from), ("count", count));
        var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await using var _ = reader.ConfigureAwait(false);
        var rows = new List<IndexRow>(count);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            rows.Add(new IndexRow(ReadEvent(reader), null));
        }

        return rows;
    }

    private async IAsyncEnumerable<RecordedEvent> ReadAllAsync(ReadDirection direction, GlobalPosition from,
        long maxCount, string readForwards, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var forwards = direction == ReadDirection.Forwards;
        var next = (long)Math.Min(from.Commit, long.MaxValue);
        for (var remaining = maxCount; remaining > 0 && next >= 0;)
        {
            var count = (int)Math.Min(remaining, PageSize);
            var page = await QueryAsync(forwards ? readForwards : Sql.ReadAllBackwards, cancellationToken,
                ("from", next), ("count", count)).ConfigureAwait(false);
            foreach (var e in page)
            {
                yield return e;
            }

            if (page.Count < count)
            {
                yield break;
            }

            remaining -= page.Count;
            next = forwards ? page[^1].Position.ToSequence() + 1 : page[^1].Position.ToSequence() - 1;
        }
    }

    /// <inheritdoc/>
    public async IAsyncEnumerable<RecordedEvent> SubscribeToAllAsync(GlobalPosition? after,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var next = after is { } checkpoint ? (long)Math.Min(checkpoint.Commit, long.MaxValue - 1) + 1 : 0;
        while (!_disposed.IsCancellationRequested)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var page = await QueryAsync(Sql.ReadAllForwards, cancellationToken, ("from", next), ("count", PageSize))
                .ConfigureAwait(false);
            foreach (var e in page)
            {
                next = e.Position.ToSequence() + 1;
                yield return e;
            }

            if (page.Count == 0)
            {
                await WaitForAppendAsync(cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Ends subscriptions and releases the backend's resources.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_disposed.IsCancellationRequested)
        {
            return;
        }

        await _disposed.CancelAsync().ConfigureAwait(false);
        await DisposeCoreAsync().ConfigureAwait(false);
        GC.SuppressFinalize(this);
    }

    /// <summary>Releases the backend's resources.</summary>
    protected virtual ValueTask DisposeCoreAsync() => ValueTask.CompletedTask;
}
