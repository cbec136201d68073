using System.Buffers.Text;
using System.Data.Common;
using System.Diagnostics;
using System.Text;
using ClaimsLedger.Events;
using ClaimsLedger.Serialization;
using ClaimsLedger.Storage;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace ClaimsLedger.Sqlite;

/// <summary>The read a ledger builds its index from, on SQLite's own API.</summary>
/// <remarks>
/// <para>An open reads every row once. Through ADO.NET each column of each row is one or two native calls, each
/// taking and releasing the statement's handle, a type check, and a new string or array: on a million-event ledger
/// that read was ~85 % of the open (a perf profile, 2026-11-29; half of it in the handle's reference counting). Here
/// a row is eight native calls (the step and seven columns), stream names and event types are shared strings, event
/// ids are parsed from their bytes, payloads are decoded where SQLite holds them, and the metadata, which the index
/// never reads, is not read.</para>
/// <para>Same SQL semantics and file as the other reads, on connections of its own opened without SQLite's mutex
/// (<see cref="SqliteIndexConnections"/>).</para>
/// </remarks>
public sealed partial class SqliteEventStore
{
    private const string ReadIndexPage =
        "SELECT position, stream, version, event_id, type, data, recorded_at FROM ledger_events " +
        "WHERE position >= @from ORDER BY position LIMIT @count";

    private const int Row = 100;
    private const int Done = 101;

    // Stream names and event types repeat across the ledger; one string each, for every page of one read.
    private readonly Utf8Strings _streamNames = new();
    private readonly Utf8Strings _types = new();

    /// <inheritdoc/>
    internal override bool ReadsIndexOnItsOwnConnections => true;

    internal override async Task<List<IndexRow>> ReadIndexPageAsync(DbConnection? connection, long from, int count,
        bool decode, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        for (var attempt = 0; ; attempt++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var db = _indexConnections.Rent();
            var reusable = false;
            try
            {
                var result = TryReadIndexPage(db, from, count, decode, out var rows);
                if (result == raw.SQLITE_OK)
                {
                    reusable = true;
                    return rows;
                }

                if ((result & 0xFF) is not (raw.SQLITE_BUSY or raw.SQLITE_LOCKED)
                    || Stopwatch.GetElapsedTime(started) >= _options.BusyTimeout)
                {
                    // The message is SQLite's for this connection, so it is taken before the connection goes.
                    SqliteException.ThrowExceptionForRC(result, db);
                }

                reusable = true;
            }
            finally
            {
                // A connection that failed otherwise than on a busy file is closed rather than read from again.
                if (reusable)
                {
                    _indexConnections.Return(db);
                }
                else
                {
                    db.Dispose();
                }
            }

            // Another connection holds the file (a WAL recovery, the last connection closing, an exclusive lock):
            // waited out up to the busy timeout, as Microsoft.Data.Sqlite does for its own commands, then the page is
            // read again from its start. Real time, not the ledger clock, which may be a test's fake.
            await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(100, 1 << Math.Min(attempt, 7))), cancellationToken)
                .ConfigureAwait(false);
        }
    }

    /// <summary>
    /// A test's stand-in for another connection holding the file: asked before each attempt at a page, it returns the
    /// result code the attempt gets instead of reading (SQLITE_OK: read). A real lock cannot be staged here, since a
    /// connection in exclusive mode cannot take the file while the store's own WAL connections are open.
    /// </summary>
    internal Func<int>? IndexReadInterference { get; set; }

    /// <returns>SQLITE_OK with the page's events, or the result code that stopped the read.</returns>
    private int TryReadIndexPage(sqlite3 db, long from, int count, bool decode, out List<IndexRow> rows)
    {
        rows = new List<IndexRow>(count);
        if (IndexReadInterference?.Invoke() is { } staged and not raw.SQLITE_OK)
        {
            return staged;
        }

        var result = raw.sqlite3_prepare_v2(db, ReadIndexPage, out var statement);
        using (statement)
        {
            if (result != raw.SQLITE_OK
                || (result = raw.sqlite3_bind_int64(statement, 1, from)) != raw.SQLITE_OK
                || (result = raw.sqlite3_bind_int64(statement, 2, count)) != raw.SQLITE_OK)
            {
                return result;
            }

            while ((result = raw.sqlite3_step(statement)) == Row)
            {
                rows.Add(ReadIndexRow(statement, decode));
            }

            return result == Done ? raw.SQLITE_OK : result;
        }
    }

    private IndexRow ReadIndexRow(sqlite3_stmt statement, bool decode)
    {
        var position = raw.sqlite3_column_int64(statement, 0);
        string stream, type;
        lock (_streamNames)
        {
            stream = _streamNames.Get(raw.sqlite3_column_blob(statement, 1));
            type = _types.Get(raw.sqlite3_column_blob(statement, 4));
        }

        // Decoded where SQLite holds the payload, instead of from a copy: an open of a million events otherwise copied
        // every payload into an array that lived only until its batch was folded (795 -> 639 B allocated an event). A
        // payload that does not decode is copied at once (SQLite's pointer holds until the next step), for the ledger
        // to decode again and report with its position.
        var payload = raw.sqlite3_column_blob(statement, 5);
        var decoded = decode ? TryDecode(type, payload) : null;
        var data = decoded is null ? payload.ToArray() : ReadOnlyMemory<byte>.Empty;
        return new IndexRow(new RecordedEvent(
            StreamName.Trusted(stream),
            raw.sqlite3_column_int64(statement, 2),
            GlobalPosition.FromSequence(position),
            EventId(raw.sqlite3_column_blob(statement, 3)),
            type,
            data,
            ReadOnlyMemory<byte>.Empty,
            new DateTimeOffset(raw.sqlite3_column_int64(statement, 6), TimeSpan.Zero))
        {
            Sequence = position,
        }, decoded);
    }

    private static LedgerEvent? TryDecode(string type, ReadOnlySpan<byte> data)
    {
        try
        {
            return EventSerializer.Deserialize(type, data);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Whatever it was, the ledger meets it again decoding the copy, and reports it as it always has.
            return null;
        }
    }

    // As SqliteDataReader.GetGuid reads them: 16 bytes of a blob, else the text of a Guid (how the ids are written).
    private static Guid EventId(ReadOnlySpan<byte> value) =>
        value.Length == 16 ? new Guid(value)
        : Utf8Parser.TryParse(value, out Guid id, out var used, 'D') && used == value.Length ? id
        : Guid.Parse(Encoding.UTF8.GetString(value));

    /// <summary>Strings for UTF-8 values that repeat, one string per distinct value (bounded: past
    /// <see cref="MaxKept"/> distinct values new ones are no longer kept).</summary>
    private sealed class Utf8Strings
    {
        private const int MaxKept = 1 << 18;

        private readonly Dictionary<string, string> _strings = new(StringComparer.Ordinal);
        private char[] _chars = new char[256];

        public string Get(ReadOnlySpan<byte> utf8)
        {
            if (_chars.Length < utf8.Length)
            {
                _chars = new char[utf8.Length];
            }

            var chars = _chars.AsSpan(0, Encoding.UTF8.GetChars(utf8, _chars));
            var lookup = _strings.GetAlternateLookup<ReadOnlySpan<char>>();
            if (lookup.TryGetValue(chars, out var known))
            {
                return known;
            }

            var created = new string(chars);
            if (_strings.Count < MaxKept)
            {
                _strings[created] = created;
            }

            return created;
        }
    }
}
