using System.Runtime.CompilerServices;
using ClaimsLedger.Events;
using ClaimsLedger.Projections;
using ClaimsLedger.Serialization;
using ClaimsLedger.Storage;

namespace ClaimsLedger;

/// <summary>Running user-defined projections.</summary>
public sealed partial class Ledger
{
    /// <summary>
    /// Runs a projection from scratch as of (T, R), reading the store from its first event.
    /// </summary>
    /// <remarks>
    /// The projection sees, in global order, every registration recorded by R and every statement that counts as of
    /// (T, R), already corrected as the ledger held it at R (amendments applied, struck statements left out). The
    /// corrections themselves are not delivered: they are already applied.
    /// </remarks>
    public async Task<TState> ProjectAsync<TState>(ILedgerProjection<TState> projection, AsOf asOf,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(projection);
        await CatchUpAsync(cancellationToken).ConfigureAwait(false);
        GlobalPosition? head;
        lock (_indexGate)
        {
            head = _index.LastPosition;
        }

        var (state, _) = await FoldAsync(projection, asOf, head, cancellationToken).ConfigureAwait(false);
        return state;
    }

    /// <summary>
    /// Keeps a projection live from a catch-up subscription: yields the state once caught up, then again after every
    /// new entry. Runs until <paramref name="cancellationToken"/> is cancelled.
    /// </summary>
    /// <remarks>
    /// Live means "as recorded so far": every recorded statement counts (its saidAt starts no later than its
    /// recordedAt, so it was possibly said by now). A correction recorded later either rebuilds the state
    /// (<see cref="CorrectionHandling.Rebuild"/>) or is delivered as an entry (<see cref="CorrectionHandling.Deliver"/>).
    /// </remarks>
    public async IAsyncEnumerable<TState> ProjectLiveAsync<TState>(ILedgerProjection<TState> projection,
        CorrectionHandling corrections = CorrectionHandling.Rebuild,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(projection);
        await CatchUpAsync(cancellationToken).ConfigureAwait(false);
        GlobalPosition? head;
        lock (_indexGate)
        {
            head = _index.LastPosition;
        }

        var everything = new AsOf(DateTimeOffset.MaxValue, DateTimeOffset.MaxValue, SaidInclusion.PossiblySaid);
        var (state, last) = await FoldAsync(projection, everything, head, cancellationToken).ConfigureAwait(false);
        yield return state;

        await foreach (var recorded in _store.SubscribeToAllAsync(last, cancellationToken).ConfigureAwait(false))
        {
            await CatchUpAsync(cancellationToken).ConfigureAwait(false);
            var entry = Entry(recorded, EventSerializer.Deserialize(recorded.Type, recorded.Data.Span));
            if (entry.Event is StatementAmended or StatementStruck && corrections == CorrectionHandling.Rebuild)
            {
                (state, _) = await FoldAsync(projection, everything, recorded.Position, cancellationToken)
                    .ConfigureAwait(false);
            }
            else
            {
                state = projection.Apply(state, entry);
            }

            yield return state;
        }
    }

    private async Task<(TState State, GlobalPosition? Last)> FoldAsync<TState>(ILedgerProjection<TState> projection,
        AsOf asOf, GlobalPosition? upTo, CancellationToken cancellationToken)
    {
        var state = projection.CreateState();
        GlobalPosition? last = null;
        if (upTo is null)
        {
            return (state, last);
        }

        await foreach (var recorded in _store.ReadAllForwardsAsync(GlobalPosition.Start, cancellationToken)
                           .ConfigureAwait(false))
        {
            if (recorded.Position > upTo.Value || recorded.RecordedAt > asOf.Recorded)
            {
                break;
            }

            last = recorded.Position;
            var @event = EventSerializer.Deserialize(recorded.Type, recorded.Data.Span);
            if (AsRecorded(@event, asOf) is { } counted)
            {
                state = projection.Apply(state, Entry(recorded, counted));
            }
        }

        return (state, last);
    }

    /// <summary>The event as the ledger held it at R and counted at T; null when it is not delivered.</summary>
    private LedgerEvent? AsRecorded(LedgerEvent @event, AsOf asOf)
    {
        switch (@event)
        {
            case StatementAmended or StatementStruck:
                return null;
            case Statement statement:
                lock (_indexGate)
                {
                    var entry = _index.Statements[statement.Id];
                    return entry.TryAsRecordedAt(asOf.Recorded, out var corrected, out _)
                           && asOf.CountsSaid(corrected.SaidAt)
                        ? corrected
                        : null;
                }

            default:
                return @event;
        }
    }

    private static LedgerEntry Entry(RecordedEvent recorded, LedgerEvent @event) =>
        new(@event, recorded.Stream, recorded.StreamVersion, recorded.Position, recorded.RecordedAt);
}
