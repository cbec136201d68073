using System.Data.Common;

namespace ClaimsLedger.Storage.Sql;

/// <summary>Parameterised commands and row mapping.</summary>
public abstract partial class SqlEventStore
{
    /// <summary>Creates a command with named parameters (every value is bound, never spliced into the text).</summary>
    protected static DbCommand Command(DbConnection connection, DbTransaction? transaction, string sql,
        params (string Name, object? Value)[] parameters)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value ?? DBNull.Value;
            command.Parameters.Add(parameter);
        }

        return command;
    }

    /// <summary>Reads one event row in the column order of <see cref="SqlStatements"/>.</summary>
    protected static RecordedEvent ReadEvent(DbDataReader reader) => ReadEventRow(reader);

    internal static RecordedEvent ReadEventRow(DbDataReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        return new RecordedEvent(
            StreamName.Trusted(reader.GetString(1)),
            reader.GetInt64(2),
            GlobalPosition.FromSequence(reader.GetInt64(0)),
            reader.GetGuid(3),
            reader.GetString(4),
            (byte[])reader.GetValue(5),
            (byte[])reader.GetValue(6),
            new DateTimeOffset(reader.GetInt64(7), TimeSpan.Zero))
        {
            Sequence = reader.GetInt64(0),
            Hash = reader.IsDBNull(8) ? ReadOnlyMemory<byte>.Empty : (byte[])reader.GetValue(8),
            PreviousHash = reader.IsDBNull(9) ? ReadOnlyMemory<byte>.Empty : (byte[])reader.GetValue(9),
        };
    }

    private async Task<List<RecordedEvent>> QueryAsync(string sql, CancellationToken cancellationToken,
        params (string Name, object? Value)[] parameters)
    {
        try
        {
            var started = Clock.GetTimestamp();
            var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            await using var _ = connection.ConfigureAwait(false);
            using var command = Command(connection, null, sql, parameters);
            var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using var __ = reader.ConfigureAwait(false);
            var events = new List<RecordedEvent>();
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                events.Add(ReadEvent(reader));
            }

            LogIfSlow("read", started, events.Count);
            return events;
        }
        catch (Exception e) when (e is not LedgerException and not OperationCanceledException
                                  && Translate(e, "read") is { } translated)
        {
            throw translated;
        }
    }

    private void LogIfSlow(string operation, long started, int events)
    {
        if (SlowQueryThreshold == Timeout.InfiniteTimeSpan)
        {
            return;
        }

        var elapsed = Clock.GetElapsedTime(started);
        if (elapsed >= SlowQueryThreshold)
        {
            SqlStoreLog.SlowQuery(Logger, operation, Description, (long)elapsed.TotalMilliseconds, events,
                (long)SlowQueryThreshold.TotalMilliseconds);
        }
    }

    private async Task<Head> ReadHeadAsync(DbConnection connection,
        DbTransaction transaction, CancellationToken cancellationToken)
    {
        using var command = Command(connection, transaction, Sql.ReadHeadForAppend);
        var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await using var _ = reader.ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            throw new StoreSchemaException("the ledger's head row is missing: the database was not created by this library");
        }

        return new Head(reader.GetInt64(0), new DateTimeOffset(reader.GetInt64(1), TimeSpan.Zero),
            reader.IsDBNull(2) ? null : (byte[])reader.GetValue(2), reader.IsDBNull(3) ? null : (byte[])reader.GetValue(3));
    }

    private async Task<long?> StreamVersionAsync(DbConnection connection, DbTransaction transaction, StreamName stream,
        CancellationToken cancellationToken)
    {
        using var command = Command(connection, transaction, Sql.StreamVersion, ("stream", stream.Value));
        var value = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
        return value is null or DBNull ? null : Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture);
    }

    private readonly StreamVersionCache _versionCache = new();

    // Read-only: one instance stands for "nothing appended since" in every append, and reaches the shared cache.
    private static readonly IReadOnlyDictionary<StreamName, long> NoChanges =
        System.Collections.ObjectModel.ReadOnlyDictionary<StreamName, long>.Empty;

    /// <summary>What an append learnt of its streams' versions under the writer lock, at the head it read.</summary>
    /// <param name="Basis">The cache position it built on; -1 when it read every stream.</param>
    /// <param name="BasisHash">The chain hash of the event at Basis.</param>
    /// <param name="Changed">The highest version of each stream appended after Basis.</param>
    /// <param name="Versions">The version of each of the append's streams (null: none).</param>
    private sealed record VersionRead(long Basis, byte[]? BasisHash, IReadOnlyDictionary<StreamName, long> Changed,
        Dictionary<StreamName, long?> Versions);

    /// <summary>
    /// The current version of each stream of <paramref name="appends"/>, from the versions this store object knew as of
    /// an earlier head plus what was appended since, probing only the streams it did not know.
    /// </summary>
    private async Task<VersionRead> CurrentVersionsAsync(DbConnection connection, DbTransaction transaction, Head head,
        IReadOnlyList<StreamAppend> appends, CancellationToken cancellationToken)
    {
        var (basis, basisHash) = Sql.StreamVersionsSince is null || !HashChain ? (-1, null) : _versionCache.Basis;
        if (basis > head.Position || head.Position - basis > StreamVersionCache.MaxGap
            || !await HoldsAsync(connection, transaction, head, basis, basisHash, cancellationToken).ConfigureAwait(false))
        {
            // Another history (a file or schema replaced by another copy), or too much written by others: afresh.
            basis = -1;
        }

        var changed = basis >= 0 && basis < head.Position
            ? await StreamVersionsSinceAsync(connection, transaction, basis, head.Position, cancellationToken).ConfigureAwait(false)
            : NoChanges;
        var versions = new Dictionary<StreamName, long?>(appends.Count);
        var missing = new List<StreamName>();
        if (basis >= 0)
        {
            _versionCache.Lookup(basis, basisHash!, changed, appends.Select(a => a.Stream), versions, missing);
        }
        else
        {
            missing.AddRange(appends.Select(a => a.Stream).Distinct());
        }

        if (missing.Count > 0)
        {
            foreach (var (stream, version) in await StreamVersionsAsync(connection, transaction, missing, cancellationToken)
                         .ConfigureAwait(false))
            {
                versions[stream] = version;
            }
        }

        return new VersionRead(basis, basisHash, changed, versions);
    }

    /// <summary>True when the event at <paramref name="basis"/> still has the chain hash the cache noted for it.</summary>
    private async Task<bool> HoldsAsync(DbConnection connection, DbTransaction transaction, Head head, long basis,
        byte[]? basisHash, CancellationToken cancellationToken)
    {
        if (basis < 0 || basisHash is null)
        {
            return false;
        }

        if (basis == head.Position)
        {
            return head.LastRowHash is { } last && last.AsSpan().SequenceEqual(basisHash);
        }

        return await HashAtAsync(connection, transaction, basis, cancellationToken).ConfigureAwait(false) is { } hash
               && hash.AsSpan().SequenceEqual(basisHash);
    }

    /// <summary>The highest version of each stream among positions (<paramref name="from"/>, <paramref name="to"/>].</summary>
    private async Task<Dictionary<StreamName, long>> StreamVersionsSinceAsync(DbConnection connection,
        DbTransaction transaction, long from, long to, CancellationToken cancellationToken)
    {
        var changed = new Dictionary<StreamName, long>();
        using var command = Command(connection, transaction, Sql.StreamVersionsSince!, ("from", from), ("to", to));
        var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await using var _ = reader.ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            changed[StreamName.Trusted(reader.GetString(0))] = reader.GetInt64(1);
        }

        return changed;
    }

    /// <summary>The last version of each stream (null for a stream with none), in one query when the backend can.</summary>
    private async Task<Dictionary<StreamName, long?>> StreamVersionsAsync(DbConnection connection,
        DbTransaction transaction, IReadOnlyCollection<StreamName> streams, CancellationToken cancellationToken)
    {
        if (ReadStreamVersions(connection, streams, cancellationToken) is { } read)
        {
            return read;
        }

        var versions = new Dictionary<StreamName, long?>(streams.Count);
        // A batch touches thousands of streams; one query per stream would cost more than the inserts themselves.
        foreach (var chunk in streams.Chunk(LookupChunkSize))
        {
            using var command = StreamVersionsCommand(connection, transaction, [.. chunk.Select(s => s.Value)]);
            if (command is null)
            {
                foreach (var stream in chunk)
                {
                    versions[stream] = await StreamVersionAsync(connection, transaction, stream, cancellationToken)
                        .ConfigureAwait(false);
                }

                continue;
            }

            var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using var _ = reader.ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                versions[new StreamName(reader.GetString(0))] = reader.IsDBNull(1) ? null : reader.GetInt64(1);
            }
        }

        foreach (var stream in streams)
        {
            versions.TryAdd(stream, null);
        }

        return versions;
    }

    /// <summary>Stored events whose ids are among <paramref name="ids"/>, by id.</summary>
    private async Task<Dictionary<Guid, RecordedEvent>> FindExistingAsync(DbConnection connection,
        DbTransaction transaction, IEnumerable<Guid> ids, CancellationToken cancellationToken)
    {
        var existing = new Dictionary<Guid, RecordedEvent>();
        foreach (var chunk in ids.Chunk(LookupChunkSize))
        {
            using var command = FindEventIdsCommand(connection, transaction, chunk);
            var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using var _ = reader.ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var e = ReadEvent(reader);
                existing[e.EventId] = e;
            }
        }

        return existing;
    }

    /// <summary>
    /// The head row: last position, its recordedAt and its chain hash (null before the first hashed event), and the hash
    /// stored with the event at that position (null when it has none).
    /// </summary>
    private readonly record struct Head(long Position, DateTimeOffset RecordedAt, byte[]? Hash, byte[]? LastRowHash);

    /// <summary>The parameters of the prepared insert, reused for every row of an append.</summary>
    private sealed class InsertParameterSet
    {
        private readonly DbParameter _position;
        private readonly DbParameter _stream;
        private readonly DbParameter _version;
        private readonly DbParameter _eventId;
        private readonly DbParameter _type;
        private readonly DbParameter _data;
        private readonly DbParameter _metadata;
        private readonly DbParameter _recordedAt;
        private readonly DbParameter _hash;
        private readonly DbParameter _previousHash;

        public InsertParameterSet(DbCommand command)
        {
            _position = Add(command, "position");
            _stream = Add(command, "stream");
            _version = Add(command, "version");
            _eventId = Add(command, "event_id");
            _type = Add(command, "type");
            _data = Add(command, "data");
            _metadata = Add(command, "metadata");
            _recordedAt = Add(command, "recorded_at");
            _hash = Add(command, "hash");
            _previousHash = Add(command, "previous_hash");
        }

        public void Set(EventRow row)
        {
            _position.Value = row.Position;
            _stream.Value = row.Stream.Value;
            _version.Value = row.Version;
            _eventId.Value = row.Data.EventId;
            _type.Value = row.Data.Type;
            _data.Value = WholeArray(row.Data.Data);
            _metadata.Value = WholeArray(row.Data.Metadata);
            _recordedAt.Value = row.RecordedAt.UtcTicks;
            _hash.Value = (object?)row.Hash ?? DBNull.Value;
            _previousHash.Value = (object?)row.PreviousHash ?? DBNull.Value;
        }

        // ADO.NET providers bind byte[]; the payload usually is one already, so pass it instead of copying it.
        private static byte[] WholeArray(ReadOnlyMemory<byte> bytes) =>
            System.Runtime.InteropServices.MemoryMarshal.TryGetArray(bytes, out var segment)
            && segment.Offset == 0 && segment.Count == segment.Array!.Length
                ? segment.Array
                : bytes.ToArray();

        private static DbParameter Add(DbCommand command, string name)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = "@" + name;
            command.Parameters.Add(parameter);
            return parameter;
        }
    }
}
