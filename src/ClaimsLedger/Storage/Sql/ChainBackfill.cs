using System.Data.Common;
using ClaimsLedger.Integrity;

namespace ClaimsLedger.Storage.Sql;

/// <summary>
/// Computes the hash chain for events written before the store kept one (a schema upgrade to version 2), page by page,
/// inside the upgrade's transaction.
/// </summary>
internal static class ChainBackfill
{
    private const int Page = 5000;

    /// <param name="connection">The upgrade's connection.</param>
    /// <param name="transaction">The upgrade's transaction.</param>
    /// <param name="readPage">Event rows with position ≥ @from, ascending, at most @count (the usual column order).</param>
    /// <param name="updateRow">Sets hash = @hash, previous_hash = @previous_hash where position = @position.</param>
    /// <param name="updateHead">Sets the head's hash = @hash.</param>
    /// <param name="cancellationToken">Stops the upgrade (it then rolls back).</param>
    /// <returns>How many events were hashed.</returns>
    public static async Task<long> RunAsync(DbConnection connection, DbTransaction transaction, string readPage,
        string updateRow, string updateHead, CancellationToken cancellationToken)
    {
        var previous = EventHash.Genesis.ToArray();
        long next = 1, count = 0;
        while (true)
        {
            var rows = new List<RecordedEvent>(Page);
            using (var read = Command(connection, transaction, readPage, ("from", next), ("count", Page)))
            {
                var reader = await read.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                await using var _ = reader.ConfigureAwait(false);
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    rows.Add(SqlEventStore.ReadEventRow(reader));
                }
            }

            foreach (var row in rows)
            {
                var hash = EventHash.Compute(row.Sequence, row.Stream.Value, row.StreamVersion, row.Type, row.EventId,
                    row.RecordedAt, row.Data.Span, row.Metadata.Span, previous);
                using var update = Command(connection, transaction, updateRow,
                    ("hash", hash), ("previous_hash", previous), ("position", row.Sequence));
                await update.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                previous = hash;
                count++;
            }

            if (rows.Count < Page)
            {
                break;
            }

            next = rows[^1].Sequence + 1;
        }

        if (count > 0)
        {
            using var head = Command(connection, transaction, updateHead, ("hash", previous));
            await head.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        return count;
    }

    private static DbCommand Command(DbConnection connection, DbTransaction transaction, string sql,
        params (string Name, object Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value;
            command.Parameters.Add(parameter);
        }

        return command;
    }
}
