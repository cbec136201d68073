using System.Diagnostics;
using ClaimsLedger.PostgreSql;
using ClaimsLedger.Storage;
using Npgsql;
using NpgsqlTypes;

namespace ClaimsLedger.Benchmarks.Baselines;

/// <summary>
/// The PostgreSQL baseline: the same rows, streamed by one binary COPY in one transaction into a table with the
/// store's own schema (created by the store in a scratch schema, so the same constraints and indexes).
/// </summary>
internal static class RawPostgresCopy
{
    public static async Task<TimeSpan> CopyAsync(string connectionString, IReadOnlyList<RecordedEvent> rows,
        CancellationToken cancellationToken)
    {
        var schema = Postgres.Schema("copy");
        await Postgres.DropSchemaAsync(connectionString, schema);
        await (await PostgreSqlEventStore.OpenAsync(new PostgreSqlStoreOptions
        {
            ConnectionString = connectionString,
            Schema = schema,
        }, cancellationToken)).DisposeAsync();
        try
        {
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync(cancellationToken);
            var clock = Stopwatch.StartNew();
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            await using (var importer = await connection.BeginBinaryImportAsync(
                             $"COPY \"{schema}\".events (position, stream, version, event_id, type, data, metadata, recorded_at) " +
                             "FROM STDIN (FORMAT BINARY)", cancellationToken))
            {
                foreach (var row in rows)
                {
                    await importer.StartRowAsync(cancellationToken);
                    importer.Write(row.Position.ToSequence(), NpgsqlDbType.Bigint);
                    importer.Write(row.Stream.Value, NpgsqlDbType.Text);
                    importer.Write(row.StreamVersion, NpgsqlDbType.Bigint);
                    importer.Write(row.EventId, NpgsqlDbType.Uuid);
                    importer.Write(row.Type, NpgsqlDbType.Text);
                    importer.Write(RawSqliteInsert.Bytes(row.Data), NpgsqlDbType.Bytea);
                    importer.Write(RawSqliteInsert.Bytes(row.Metadata), NpgsqlDbType.Bytea);
                    importer.Write(row.RecordedAt.UtcTicks, NpgsqlDbType.Bigint);
                }

                await importer.CompleteAsync(cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
            return clock.Elapsed;
        }
        finally
        {
            await Postgres.DropSchemaAsync(connectionString, schema);
        }
    }
}
