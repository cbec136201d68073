using System.Buffers;
using System.Data.Common;
using System.Text;
using ClaimsLedger.Storage.Sql;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace ClaimsLedger.Sqlite;

/// <summary>The inserts of an append, on SQLite's own API.</summary>
/// <remarks>
/// <para>Through ADO.NET every row of an append bound its ten parameters through a new binder object each, boxed its
/// numbers and event id and made a data reader: about 1 KB allocated per event, most of what a durable append
/// allocated outside the index (an allocation trace, 2026-11-30). Here the prepared statement is bound in place: text
/// and blobs are copied by SQLite from spans, the event id as its 16 bytes (see <c>Schema/003-event-id-bytes.sql</c>).</para>
/// <para>Same connection and transaction as the rest of the append: the write lock is held already, so a step does
/// not meet a busy file. A failing step (a constraint, a full disk) throws the <see cref="SqliteException"/> ADO.NET
/// would have thrown, which the store translates as before.</para>
/// </remarks>
public sealed partial class SqliteEventStore
{
    /// <inheritdoc/>
    protected override Task InsertAsync(DbConnection connection, DbTransaction transaction,
        IReadOnlyList<EventRow> rows, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(rows);
        var db = ((SqliteConnection)connection).Handle!;
        Check(raw.sqlite3_prepare_v2(db, Statements.InsertEvent, out var statement), db);
        using (statement)
        {
            var at = new InsertColumns(statement);
            var text = ArrayPool<byte>.Shared.Rent(1024);
            try
            {
                foreach (var row in rows)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    Check(raw.sqlite3_bind_int64(statement, at.Position, row.Position), db);
                    Check(BindText(statement, at.Stream, row.Stream.Value, ref text), db);
                    Check(raw.sqlite3_bind_int64(statement, at.Version, row.Version), db);
                    Check(BindEventId(statement, at.EventId, row.Data.EventId), db);
                    Check(BindText(statement, at.Type, row.Data.Type, ref text), db);
                    Check(BindBlob(statement, at.Data, row.Data.Data.Span), db);
                    Check(BindBlob(statement, at.Metadata, row.Data.Metadata.Span), db);
                    Check(raw.sqlite3_bind_int64(statement, at.RecordedAt, row.RecordedAt.UtcTicks), db);
                    Check(BindBlobOrNull(statement, at.Hash, row.Hash), db);
                    Check(BindBlobOrNull(statement, at.PreviousHash, row.PreviousHash), db);
                    var stepped = raw.sqlite3_step(statement);
                    if (stepped != Done)
                    {
                        SqliteException.ThrowExceptionForRC(stepped, db);
                    }

                    Check(raw.sqlite3_reset(statement), db);
                }
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(text);
            }
        }

        return Task.CompletedTask;
    }

    private static void Check(int result, sqlite3 db)
    {
        if (result != raw.SQLITE_OK)
        {
            SqliteException.ThrowExceptionForRC(result, db);
        }
    }

    private static int BindText(sqlite3_stmt statement, int index, string value, ref byte[] buffer)
    {
        if (value.Length == 0)
        {
            // An empty span has no address, which SQLite would bind as NULL; ADO.NET bound ''.
            return raw.sqlite3_bind_text(statement, index, string.Empty);
        }

        var length = Encoding.UTF8.GetMaxByteCount(value.Length);
        if (buffer.Length < length)
        {
            var larger = ArrayPool<byte>.Shared.Rent(length);
            ArrayPool<byte>.Shared.Return(buffer);
            buffer = larger;
        }

        return raw.sqlite3_bind_text(statement, index, buffer.AsSpan(0, Encoding.UTF8.GetBytes(value, buffer)));
    }

    // The id's 16 bytes in .NET's order, which Microsoft.Data.Sqlite reads back as the same Guid (schema version 3).
    private static int BindEventId(sqlite3_stmt statement, int index, Guid id)
    {
        Span<byte> bytes = stackalloc byte[16];
        id.TryWriteBytes(bytes);
        return raw.sqlite3_bind_blob(statement, index, bytes);
    }

    // An empty span has no address, and SQLite binds a blob without one as NULL: an empty value is a zero-length blob.
    private static int BindBlob(sqlite3_stmt statement, int index, ReadOnlySpan<byte> value) =>
        value.IsEmpty ? raw.sqlite3_bind_zeroblob(statement, index, 0) : raw.sqlite3_bind_blob(statement, index, value);

    private static int BindBlobOrNull(sqlite3_stmt statement, int index, byte[]? value) =>
        value is null ? raw.sqlite3_bind_null(statement, index) : BindBlob(statement, index, value);

    /// <summary>The INSERT's parameter numbers, looked up by name once per append.</summary>
    private readonly struct InsertColumns(sqlite3_stmt statement)
    {
        public int Position { get; } = Index(statement, "@position");

        public int Stream { get; } = Index(statement, "@stream");

        public int Version { get; } = Index(statement, "@version");

        public int EventId { get; } = Index(statement, "@event_id");

        public int Type { get; } = Index(statement, "@type");

        public int Data { get; } = Index(statement, "@data");

        public int Metadata { get; } = Index(statement, "@metadata");

        public int RecordedAt { get; } = Index(statement, "@recorded_at");

        public int Hash { get; } = Index(statement, "@hash");

        public int PreviousHash { get; } = Index(statement, "@previous_hash");

        private static int Index(sqlite3_stmt statement, string name) =>
            raw.sqlite3_bind_parameter_index(statement, name) is var index and > 0
                ? index
                : throw new InvalidOperationException($"the insert statement has no parameter {name}");
    }
}
