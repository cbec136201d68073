using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace ClaimsLedger.Sqlite;

/// <summary>
/// Connections of SQLite's own API for the read a ledger builds its index from, opened without SQLite's per-connection
/// mutex (<c>SQLITE_OPEN_NOMUTEX</c>): each is used by one read at a time, as SQLite then requires.
/// </summary>
/// <remarks>
/// A connection of Microsoft.Data.Sqlite is opened in SQLite's serialized mode: every call into SQLite takes and
/// releases the connection's mutex, and a row of the index read is eight calls (perf put a tenth of an open's samples
/// in the mutex and SQLitePCL's handle counting). On a million-event file the index read took 709-847 ms on a pooled
/// connection, 682-803 ms on one of these with the mutex and 512-642 ms without it; a fresh process's open with the
/// claims tool's settings 1,880-2,046 ms against 2,087-2,170 ms (four pairs, 2026-11-30). The connections are opened
/// like the store's own (read-only when the store is, never creating the file), wait for nothing themselves (the read
/// retries a busy file, see ReadIndexPageAsync), and a few are kept between reads.
/// </remarks>
internal sealed class SqliteIndexConnections(string path, bool readOnly) : IDisposable
{
    private const int Kept = 2;

    // Microsoft.Data.Sqlite sets SQLite's native library up (SQLitePCL's provider) in its connection's static
    // constructor; these connections open through SQLitePCL directly, possibly before any of its connections exists.
    static SqliteIndexConnections() =>
        System.Runtime.CompilerServices.RuntimeHelpers.RunClassConstructor(typeof(SqliteConnection).TypeHandle);

    private readonly Lock _gate = new();
    private readonly Stack<sqlite3> _idle = new();
    private bool _disposed;

    /// <summary>A connection for one read; give it back with <see cref="Return"/>. After <see cref="Dispose"/> a new
    /// connection is still opened (reads of a disposed store work, as on Microsoft.Data.Sqlite's pool), and closed when
    /// it comes back.</summary>
    /// <exception cref="SqliteException">SQLite could not open the file.</exception>
    public sqlite3 Rent()
    {
        lock (_gate)
        {
            if (_idle.TryPop(out var idle))
            {
                return idle;
            }
        }

        var flags = (readOnly ? raw.SQLITE_OPEN_READONLY : raw.SQLITE_OPEN_READWRITE) | raw.SQLITE_OPEN_NOMUTEX;
        var result = raw.sqlite3_open_v2(path, out var db, flags, null);
        if (result != raw.SQLITE_OK)
        {
            try
            {
                SqliteException.ThrowExceptionForRC(result, db);
            }
            finally
            {
                db.Dispose();
            }
        }

        return db;
    }

    /// <summary>Takes back a connection after its read: kept for the next read, or closed.</summary>
    public void Return(sqlite3 db)
    {
        lock (_gate)
        {
            if (!_disposed && _idle.Count < Kept)
            {
                _idle.Push(db);
                return;
            }
        }

        db.Dispose();
    }

    /// <summary>Closes the idle connections; a connection still in a read is closed when it comes back.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
            while (_idle.TryPop(out var db))
            {
                db.Dispose();
            }
        }
    }
}
