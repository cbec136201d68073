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
            IncrementCommits();
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
            var current = await StreamVersionsAsync(connection, transaction, [.. events.Select(e => e.Stream).Distinct()],
                cancellationToken).ConfigureAwait(false);
            var versions = current.ToDictionary(pair => pair.Key, pair => pair.Value ?? -1);
            var rows = new List<EventRow>(events.Count);
            var position = head.Position;
            foreach (var e in events)
            {
                var version = versions[e.Stream];
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

        var existing = await FindExistingAsync(connection, transaction, events.Select(e => e.Data.EventId), cancellationToken)
            .ConfigureAwait(false);
        if (existing.Count > 0)
        {
            var stored = existing[events.First(e => existing.ContainsKey(e.Data.EventId)).Data.EventId];
            throw new DuplicateEventException(stored.EventId, stored.Stream, "the store already holds it");
        }
    }
}
