using System.Diagnostics;
using ClaimsLedger.Benchmarks.Data;
using ClaimsLedger.Sqlite;
using ClaimsLedger.Storage;
using Microsoft.Data.Sqlite;

namespace ClaimsLedger.Benchmarks.Baselines;

/// <summary>
/// The SQLite baseline: the same rows the ledger wrote, inserted with one prepared INSERT per row in one transaction
/// (or one per batch), into a file with the store's own schema (WAL, the same indexes, event ids as 16 bytes) and the
/// store's durability (synchronous = FULL).
/// </summary>
internal static class RawSqliteInsert
{
    /// <param name="rows">The rows, in order.</param>
    /// <param name="batch">Rows per transaction (each a durable commit); null for all of them in one.</param>
    /// <param name="cancellationToken">Cancels the inserts.</param>
    public static async Task<TimeSpan> InsertAsync(IReadOnlyList<RecordedEvent> rows, int? batch,
        CancellationToken cancellationToken)
    {
        var path = BenchPaths.File($"raw-{Environment.ProcessId}.db");
        BenchPaths.DeleteDatabase(path);
        await (await SqliteEventStore.OpenAsync(path, cancellationToken)).DisposeAsync();
        try
        {
            await using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
            await connection.OpenAsync(cancellationToken);
            await using (var pragma = new SqliteCommand("PRAGMA synchronous = FULL", connection))
            {
                await pragma.ExecuteNonQueryAsync(cancellationToken);
            }

            var clock = Stopwatch.StartNew();
            var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
            await using var insert = new SqliteCommand(
                "INSERT INTO ledger_events (position, stream, version, event_id, type, data, metadata, recorded_at) " +
                "VALUES ($position, $stream, $version, $event_id, $type, $data, $metadata, $recorded_at)",
                connection, transaction);
            var parameters = new[] { "$position", "$stream", "$version", "$event_id", "$type", "$data", "$metadata", "$recorded_at" }
                .Select(name => insert.Parameters.Add(new SqliteParameter { ParameterName = name })).ToArray();
            insert.Prepare();
            var inTransaction = 0;
            foreach (var row in rows)
            {
                if (inTransaction++ == batch)
                {
                    await transaction.CommitAsync(cancellationToken);
                    await transaction.DisposeAsync();
                    transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
                    insert.Transaction = transaction;
                    inTransaction = 1;
                }

                parameters[0].Value = row.Position.ToSequence();
                parameters[1].Value = row.Stream.Value;
                parameters[2].Value = row.StreamVersion;
                parameters[3].Value = row.EventId.ToByteArray(); // as the store keeps it: 16 bytes
                parameters[4].Value = row.Type;
                parameters[5].Value = Bytes(row.Data);
                parameters[6].Value = Bytes(row.Metadata);
                parameters[7].Value = row.RecordedAt.UtcTicks;
                await insert.ExecuteNonQueryAsync(cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
            await transaction.DisposeAsync();
            return clock.Elapsed;
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            BenchPaths.DeleteDatabase(path);
        }
    }

    /// <summary>The row's own array when it has one (rows read from a store do): no copy in the baseline.</summary>
    internal static byte[] Bytes(ReadOnlyMemory<byte> memory) =>
        System.Runtime.InteropServices.MemoryMarshal.TryGetArray(memory, out var segment)
        && segment.Offset == 0 && segment.Count == segment.Array!.Length
            ? segment.Array
            : memory.ToArray();
}
