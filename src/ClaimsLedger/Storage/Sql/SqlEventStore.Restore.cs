using System.Data.Common;

namespace ClaimsLedger.Storage.Sql;

/// <summary>Restoring an export: like an append, but each event keeps its original recordedAt.</summary>
public abstract partial class SqlEventStore
{
    /// <inheritdoc/>
    public async Task<IReadOnlyList<GlobalPosition>> RestoreAsync(IReadOnlyList<RestoredEvent> events,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(events);
        cancellationToken.ThrowIfCancellationRequested();
        ObjectDisposedException.ThrowIf(_disposed.IsCancellationRequested, this);
        if (IsReadOnly)
        {
            throw new StoreReadOnlyException("the store is open read-only; nothing was written");
        }

        try
        {
            var positions = await RestoreCoreAsync(events, cancellationToken).ConfigureAwait(false);
            SignalAppended();
            return positions;
        }
        catch (Exception e) when (e is not LedgerException and not OperationCanceledException and not ArgumentException
                                  && Translate(e, "restore") is { } translated)
        {
            throw translated;
        }
    }

    private Task<IReadOnlyList<GlobalPosition>> RestoreCoreAsync(IReadOnlyList<RestoredEvent> events,
        CancellationToken cancellationToken) =>
        WriteAsync<IReadOnlyList<GlobalPosition>>(async (connection, transaction, head) =>
        {
            AppendPlan.CheckRestore(events, head.Position > 0 ? head.RecordedAt : null);
            await CheckNewIdsAsync(connection, transaction, events, cancellationToken).ConfigureAwait(false);
            var versions = new Dictionary<StreamName, long>();
            var rows = new List<EventRow>(events.Count);
            var position = head.Position;
            foreach (var e in events)
            {
                if (!versions.TryGetValue(e.Stream, out var version))
                {
                    version = await StreamVersionAsync(connection, transaction, e.Stream, cancellationToken)
                        .ConfigureAwait(false) ?? -1;
                }

                versions[e.Stream] = ++version;
                rows.Add(new EventRow(++position, e.Stream, version, e.Data, e.RecordedAt) { ExpectedHash = e.ExpectedHash });
            }

            return (rows, (IReadOnlyList<GlobalPosition>)[.. rows.Select(r => GlobalPosition.FromSequence(r.Position))]);
        }, cancellationToken);

    private async Task CheckNewIdsAsync(DbConnection connection, DbTransaction transaction,
        IReadOnlyList<RestoredEvent> events, CancellationToken cancellationToken)
    {
        var seen = new HashSet<Guid>();
        foreach (var e in events)
        {
            if (!seen.Add(e.Data.EventId))
            {
                throw new DuplicateEventException(e.Data.EventId, e.Stream, "it appears twice in the events to restore");
            }
        }

        foreach (var chunk in events.Chunk(500))
        {
            var existing = await FindExistingAsync(connection, transaction,
                new StreamAppend(chunk[0].Stream, ExpectedVersion.Any, [.. chunk.Select(e => e.Data)]), cancellationToken)
                .ConfigureAwait(false);
            if (existing.Count > 0)
            {
                var (id, stored) = existing.First();
                throw new DuplicateEventException(id, stored.Stream, "the store already holds it");
            }
        }
    }
}
