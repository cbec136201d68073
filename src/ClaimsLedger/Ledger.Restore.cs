using ClaimsLedger.Events;
using ClaimsLedger.Recording;
using ClaimsLedger.Serialization;
using ClaimsLedger.Storage;
using ClaimsLedger.Validation;

namespace ClaimsLedger;

/// <summary>Restoring an exported ledger exactly, recordedAt included.</summary>
public sealed partial class Ledger
{
    /// <summary>
    /// Restores an export: appends the entries in their order, each with its original recordedAt and metadata, in one
    /// transaction. The ledger must be empty or already hold a prefix of the entries (then only the rest is written,
    /// so restoring the same export twice changes nothing).
    /// </summary>
    /// <remarks>Every entry is validated as when it was first recorded: against the ledger as it stood, with its own
    /// recordedAt as "now".</remarks>
    /// <exception cref="LedgerValidationException">An entry is invalid, or the ledger holds something else at the same
    /// place (<see cref="LedgerErrorCode.ConflictingHistory"/>); nothing was written.</exception>
    /// <exception cref="LedgerStoreException">The store cannot restore atomically, or failed; nothing was written.</exception>
    public async Task<RecordResult> RestoreAsync(IReadOnlyList<RestoredEntry> entries,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entries);
        if (_store is not IEventStoreRestore restore)
        {
            throw new LedgerStoreException(
                $"{_store.GetType().Name} cannot restore an export in one transaction; restore it into another store");
        }

        await _writeGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await CatchUpAsync(cancellationToken).ConfigureAwait(false);
            var held = await HeldPrefixAsync(entries, cancellationToken).ConfigureAwait(false);
            var rest = entries.Skip(held).ToList();
            if (rest.Count == 0)
            {
                return new RecordResult(0, held, null, null);
            }

            var events = await PlanRestoreAsync(rest, held, restore, cancellationToken).ConfigureAwait(false);
            await CatchUpAsync(cancellationToken).ConfigureAwait(false);
            return new RecordResult(rest.Count, held, events[^1], rest[^1].RecordedAt);
        }
        finally
        {
            _writeGate.Release();
        }
    }

    private async Task<IReadOnlyList<GlobalPosition>> PlanRestoreAsync(List<RestoredEntry> rest, int held,
        IEventStoreRestore restore, CancellationToken cancellationToken)
    {
        List<RestoredEvent> events;
        lock (_indexGate)
        {
            var batch = BatchValidator.Validate(_index, [.. rest.Select(r => r.Event)], RestoreOrder(rest),
                i => rest[i].RecordedAt);
            var errors = batch.Errors.Select(e => e with { Index = e.Index + held }).ToList();
            if (errors.Count == 0 && batch.Events.Count != rest.Count)
            {
                var repeat = Enumerable.Range(0, rest.Count).Except(batch.Events.Select(e => e.Index)).First();
                errors.Add(new LedgerError(repeat + held, LedgerErrorCode.ConflictingHistory, string.Empty, "event",
                    "repeats an event recorded earlier in the export"));
            }

            if (errors.Count > 0)
            {
                throw new LedgerValidationException(errors);
            }

            var streams = batch.Events.ToDictionary(e => e.Index, e => e.Stream);
            events = [.. rest.Select((entry, i) => new RestoredEvent(streams[i],
                new EventData(EventIds.For(entry.Event), EventTypeNames.Of(entry.Event), entry.Data,
                    entry.Metadata.IsEmpty && entry.ExpectedHash.IsEmpty ? Metadata() : entry.Metadata),
                entry.RecordedAt) { ExpectedHash = entry.ExpectedHash })];
        }

        try
        {
            return await restore.RestoreAsync(events, cancellationToken).ConfigureAwait(false);
        }
        catch (RestoreMismatchException e)
        {
            throw Conflict(e.Index + held, e.Message);
        }
    }

    /// <summary>How many entries the ledger already holds, as the first events of its log.</summary>
    private async Task<int> HeldPrefixAsync(IReadOnlyList<RestoredEntry> entries, CancellationToken cancellationToken)
    {
        var held = 0;
        await foreach (var stored in _store.ReadAllForwardsAsync(GlobalPosition.Start, cancellationToken).ConfigureAwait(false))
        {
            if (held >= entries.Count)
            {
                throw Conflict(held, "the ledger holds more events than the export; restore into an empty ledger");
            }

            var entry = entries[held];
            if (stored.Type != EventTypeNames.Of(entry.Event)
                || !stored.Data.Span.SequenceEqual(entry.Data.Span)
                || stored.RecordedAt != entry.RecordedAt
                || (!entry.ExpectedHash.IsEmpty && !stored.Hash.Span.SequenceEqual(entry.ExpectedHash.Span)))
            {
                throw Conflict(held, $"the ledger already holds a different event here (position {stored.Position}, " +
                                     $"{stored.Type} recorded at {stored.RecordedAt:O}); restore into an empty ledger");
            }

            held++;
        }

        return held;
    }

    private static LedgerValidationException Conflict(int index, string message) =>
        new([new LedgerError(index, LedgerErrorCode.ConflictingHistory, string.Empty, "event", message)]);

    // Events of one original batch share a recordedAt but the log groups them by stream, so a link or affiliation can
    // precede what it points to; validating registrations first within each such group restores a valid order.
    private static IEnumerable<int> RestoreOrder(List<RestoredEntry> entries) =>
        Enumerable.Range(0, entries.Count)
            .OrderBy(i => entries[i].RecordedAt)
            .ThenBy(i => entries[i].Event switch
            {
                ClaimRegistered or ActorRegistered or SourceRegistered => 0,
                ClaimLinked or ActorAffiliated or ActorAffiliationEnded => 1,
                _ => 2,
            });
}
