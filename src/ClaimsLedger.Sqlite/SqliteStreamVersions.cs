using System.Buffers;
using System.Data.Common;
using ClaimsLedger.Storage;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace ClaimsLedger.Sqlite;

/// <summary>The current versions of an append's streams, on SQLite's own API.</summary>
/// <remarks>
/// A 10,000-event append touches about 6,000 claim streams. Through ADO.NET their names went to SQLite as one JSON
/// array (serialised, then parsed by <c>json_each</c>) and came back as a string per row; here one prepared statement
/// is bound and stepped per stream, each answered from the (stream, version) index. Same connection and transaction as
/// the rest of the append, which holds the write lock.
/// </remarks>
public sealed partial class SqliteEventStore
{
    private const string LastVersion = "SELECT max(version) FROM ledger_events WHERE stream = ?1";

    /// <inheritdoc/>
    internal override Dictionary<StreamName, long?> ReadStreamVersions(DbConnection connection,
        IReadOnlyCollection<StreamName> streams, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(streams);
        var db = ((SqliteConnection)connection).Handle!;
        Check(raw.sqlite3_prepare_v2(db, LastVersion, out var statement), db);
        using (statement)
        {
            var versions = new Dictionary<StreamName, long?>(streams.Count);
            var text = ArrayPool<byte>.Shared.Rent(256);
            try
            {
                foreach (var stream in streams)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    Check(BindText(statement, 1, stream.Value, ref text), db);
                    var stepped = raw.sqlite3_step(statement);
                    if (stepped != raw.SQLITE_ROW)
                    {
                        SqliteException.ThrowExceptionForRC(stepped, db);
                    }

                    versions[stream] = raw.sqlite3_column_type(statement, 0) == raw.SQLITE_NULL
                        ? null
                        : raw.sqlite3_column_int64(statement, 0);
                    Check(raw.sqlite3_reset(statement), db);
                }
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(text);
            }

            return versions;
        }
    }
}
