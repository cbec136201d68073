using System.Diagnostics;
using ClaimsLedger.Benchmarks.Data;
using ClaimsLedger.Sqlite;
using ClaimsLedger.Storage;
using Microsoft.Data.Sqlite;

namespace ClaimsLedger.Benchmarks.Baselines;

/// <summary>
/// The SQLite baseline: the same rows the ledger wrote, inserted with one prepared INSERT per row in one transaction
/// (or one per batch), into a file with the store's own schema (WAL, the same indexes, event ids as 16 bytes) and the
/// settings the store gives each write (synchronous = FULL, a 64 MiB page cache, a log checkpointed at a quarter of
/// the file) and the store's page size.
/// </summary>
/// <remarks>Until 2026-11-30 18:30 the baseline kept SQLite's default 2 MiB page cache, which made it about a third
/// slower than raw inserts with the store's settings, and every ratio against it that much kinder to the ledger.</remarks>
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
            var clock = Stopwatch.StartNew();
            await StoreSettingsAsync(connection, cancellationToken);
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
                    await StoreSettingsAsync(connection, cancellationToken);
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

    /// <summary>What the store sets before each write (SqliteEventStore's Durable): the same durability, page cache
    /// and checkpoint threshold (a quarter of the file, 32 to 256 MiB of pages). The file, made by the store, has the
    /// store's page size (32 KiB for files made since commit d0f73e4, 2026-11-30).</summary>
    private static async Task StoreSettingsAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        long pages, pageSize;
        await using (var count = new SqliteCommand("SELECT page_count, page_size FROM pragma_page_count(), pragma_page_size()", connection))
        await using (var reader = await count.ExecuteReaderAsync(cancellationToken))
        {
            await reader.ReadAsync(cancellationToken);
            (pages, pageSize) = (reader.GetInt64(0), reader.GetInt64(1));
        }

        var checkpoint = Math.Clamp(pages / 4, (32L << 20) / pageSize, (256L << 20) / pageSize);
        await using var pragma = new SqliteCommand(
            "PRAGMA synchronous = FULL; PRAGMA cache_size = -65536; " +
            $"PRAGMA wal_autocheckpoint = {checkpoint}; PRAGMA journal_size_limit = {checkpoint * pageSize}", connection);
        await pragma.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>The row's own array when it has one (rows read from a store do): no copy in the baseline.</summary>
    internal static byte[] Bytes(ReadOnlyMemory<byte> memory) =>
        System.Runtime.InteropServices.MemoryMarshal.TryGetArray(memory, out var segment)
        && segment.Offset == 0 && segment.Count == segment.Array!.Length
            ? segment.Array
            : memory.ToArray();
}
