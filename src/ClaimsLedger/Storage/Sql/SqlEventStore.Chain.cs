using System.Data.Common;
using ClaimsLedger.Integrity;

namespace ClaimsLedger.Storage.Sql;

/// <summary>
/// Keeping the hash chain whole when events reached the table without it: written before schema version 2 (the
/// upgrade chains them), by a process still running an older version, or with <c>HashChain</c> switched off. Such
/// events were never chained, so chaining them changes no hash anyone could have published.
/// </summary>
public abstract partial class SqlEventStore
{
    private const int ChainPage = 5000;

    /// <summary>One event's place in the chain, as <see cref="WriteChainAsync"/> stores it.</summary>
    /// <param name="Position">The event's position.</param>
    /// <param name="Hash">Its chain hash.</param>
    /// <param name="PreviousHash">The hash before it.</param>
    internal readonly record struct ChainedRow(long Position, byte[] Hash, byte[] PreviousHash);

    /// <summary>
    /// Chains every event after position <paramref name="after"/> (whose hash is <paramref name="previous"/>, or
    /// genesis for 0), page by page, and moves the head's hash. Runs inside the caller's write transaction.
    /// </summary>
    /// <returns>The last hash, and how many events were chained.</returns>
    internal async Task<(byte[] Hash, long Count)> ChainFromAsync(DbConnection connection, DbTransaction transaction, long after,
        byte[]? previous, CancellationToken cancellationToken)
    {
        previous ??= EventHash.Genesis.ToArray();
        long next = after + 1, count = 0;
        while (true)
        {
            var rows = new List<RecordedEvent>(ChainPage);
            using (var read = Command(connection, transaction, Sql.ReadAllForwards, ("from", next), ("count", ChainPage)))
            {
                var reader = await read.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                await using var _ = reader.ConfigureAwait(false);
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    rows.Add(ReadEventRow(reader));
                }
            }

            var chained = new List<ChainedRow>(rows.Count);
            foreach (var row in rows)
            {
                var hash = EventHash.Compute(row.Sequence, row.Stream.Value, row.StreamVersion, row.Type, row.EventId,
                    row.RecordedAt, row.Data.Span, row.Metadata.Span, previous);
                chained.Add(new ChainedRow(row.Sequence, hash, previous));
                previous = hash;
            }

            await WriteChainAsync(connection, transaction, chained, cancellationToken).ConfigureAwait(false);
            count += rows.Count;
            if (rows.Count < ChainPage)
            {
                break;
            }

            next = rows[^1].Sequence + 1;
        }

        using (var head = Command(connection, transaction, Sql.UpdateHeadHash, ("hash", previous)))
        {
            await head.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        return (previous, count);
    }

    /// <summary>Stores a page of chain hashes; row by row with one prepared command unless a backend does better.</summary>
    internal virtual async Task WriteChainAsync(DbConnection connection, DbTransaction transaction, IReadOnlyList<ChainedRow> rows,
        CancellationToken cancellationToken)
    {
        using var update = Command(connection, transaction, Sql.UpdateChain, ("position", 0L), ("hash", Array.Empty<byte>()),
            ("previous_hash", Array.Empty<byte>()));
        foreach (var row in rows)
        {
            update.Parameters["position"].Value = row.Position;
            update.Parameters["hash"].Value = row.Hash;
            update.Parameters["previous_hash"].Value = row.PreviousHash;
            await update.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// The head an append continues from. When the events at the end carry no hash (see the type's remarks) they are
    /// chained first; when the head's hash is not the last event's, the table was changed behind the library's back and
    /// nothing is appended.
    /// </summary>
    private async Task<Head> ChainedHeadAsync(DbConnection connection, DbTransaction transaction, Head head,
        CancellationToken cancellationToken)
    {
        if (head.Position == 0 || IsChained(head))
        {
            return head;
        }

        if (head.LastRowHash is null)
        {
            // PostgreSQL, when the head's lock was held by another append, returns the new head row without the event
            // it joined (the join was made before the wait; seen in psql, 2026-11-30): read that event again before
            // taking it for one written without a hash.
            head = head with { LastRowHash = await HashAtAsync(connection, transaction, head.Position, cancellationToken).ConfigureAwait(false) };
            if (IsChained(head))
            {
                return head;
            }
        }

        if (head.LastRowHash is not null)
        {
            throw new LedgerStoreException(
                $"the head's hash is not the hash of the last event (position {head.Position}): the ledger was changed " +
                "outside ClaimsLedger; run `claims verify` to find where; nothing was written");
        }

        var (after, previous) = await LastChainedAsync(connection, transaction, head.Position, cancellationToken).ConfigureAwait(false);
        var (hash, count) = await ChainFromAsync(connection, transaction, after, previous, cancellationToken).ConfigureAwait(false);
        SqlStoreLog.ChainRepaired(Logger, Description, count, after + 1);
        return head with { Hash = hash, LastRowHash = hash };
    }

    private static bool IsChained(Head head) =>
        head.LastRowHash is { } last && head.Hash is { } known && last.AsSpan().SequenceEqual(known);

    /// <summary>The chain hash of the event at <paramref name="position"/>; null when it has none or is not there.</summary>
    private async Task<byte[]?> HashAtAsync(DbConnection connection, DbTransaction transaction, long position,
        CancellationToken cancellationToken)
    {
        using var read = Command(connection, transaction, Sql.ReadAllBackwards, ("from", position), ("count", 1));
        var reader = await read.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await using var _ = reader.ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false)
               && reader.GetInt64(0) == position && !reader.IsDBNull(8)
            ? (byte[])reader.GetValue(8)
            : null;
    }

    private async Task<(long Position, byte[]? Hash)> LastChainedAsync(DbConnection connection, DbTransaction transaction,
        long from, CancellationToken cancellationToken)
    {
        while (from > 0)
        {
            using var read = Command(connection, transaction, Sql.ReadAllBackwards, ("from", from), ("count", ChainPage));
            var reader = await read.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using var _ = reader.ConfigureAwait(false);
            var any = false;
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                any = true;
                from = reader.GetInt64(0) - 1;
                if (!reader.IsDBNull(8))
                {
                    return (reader.GetInt64(0), (byte[])reader.GetValue(8));
                }
            }

            if (!any)
            {
                break;
            }
        }

        return (0, null);
    }
}
