using ClaimsLedger.Events;
using ClaimsLedger.Recording;
using ClaimsLedger.Serialization;
using ClaimsLedger.Storage;
using ClaimsLedger.Telemetry;
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
    /// <remarks>
    /// <para>Every entry is validated as when it was first recorded: against the ledger as it stood, with its own
    /// recordedAt as "now".</para>
    /// <para>Reported as <see cref="RecordAsync(IReadOnlyList{LedgerEvent}, CancellationToken)"/> is: the entries
    /// written are logged and counted (a rejected restore too), traced (activity <c>ClaimsLedger.Restore</c>), and
    /// given to <see cref="LedgerOptions.Observers"/> in one call before this returns.</para>
    /// </remarks>
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

        // Reported as a record is (LedgerDiagnostics): logged, counted, traced; observers told what was written.
        using var activity = _diagnostics.StartRecord(entries.Count, restore: true);
        var started = _diagnostics.Timestamp();
        RecordResult result;
        IReadOnlyList<LedgerEntry> appended;
        await _writeGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            (result, appended) = await RestoreExclusiveAsync(entries, restore, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            EndCapture(null);
            _diagnostics.RecordFailed(activity, entries.Count, e, started);
            throw;
        }
        finally
        {
            _writeGate.Release();
        }

        _diagnostics.Recorded(activity, result, started);
        // The events are durable: every observer hears of them, whatever happened to the caller's token since.
        await NotifyAsync(appended, CancellationToken.None).ConfigureAwait(false);
        return result;
    }

    private async Task<(RecordResult Result, IReadOnlyList<LedgerEntry> Appended)> RestoreExclusiveAsync(
        IReadOnlyList<RestoredEntry> entries, IEventStoreRestore restore, CancellationToken cancellationToken)
    {
        await CatchUpAsync(cancellationToken).ConfigureAwait(false);
        var held = await HeldPrefixAsync(entries, cancellationToken).ConfigureAwait(false);
        var rest = entries.Skip(held).ToList();
        if (rest.Count == 0)
        {
            return (new RecordResult(0, held, null, null), []);
        }

        var positions = await PlanRestoreAsync(rest, held, restore, cancellationToken).ConfigureAwait(false);
        // Committed: cancelling now would report a durable restore as failed, so the catch-up is not cancellable.
        await CatchUpAsync(CancellationToken.None).ConfigureAwait(false);

        // A restore writes every entry it was given beyond the held prefix, or nothing.
        return (new RecordResult(rest.Count, held, positions[^1], rest[^1].RecordedAt), TakeCaptured(static _ => true));
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

        using var activity = _diagnostics.StartAppend(events.Select(e => e.Stream).Distinct().Count(), events.Count);
        StartCapture(events.Select(e => e.Data.EventId));
        try
        {
            return await restore.RestoreAsync(events, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            LedgerDiagnostics.Failed(activity, e);
            if (e is RestoreMismatchException mismatch)
            {
                throw Conflict(mismatch.Index + held, mismatch.Message);
            }

            throw;
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
