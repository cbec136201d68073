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
    /// Live means "as recorded so far", with no bound on said time: every recorded statement counts (its saidAt
    /// starts no later than its recordedAt, so it was possibly said by now). To bound said time, use the overload
    /// taking <c>said</c> and <c>inclusion</c>. A correction recorded later either rebuilds the state
    /// (<see cref="CorrectionHandling.Rebuild"/>) or is delivered as an entry (<see cref="CorrectionHandling.Deliver"/>).
    /// </remarks>
    public IAsyncEnumerable<TState> ProjectLiveAsync<TState>(ILedgerProjection<TState> projection,
        CorrectionHandling corrections = CorrectionHandling.Rebuild, CancellationToken cancellationToken = default) =>
        ProjectLiveAsync(projection, DateTimeOffset.MaxValue, SaidInclusion.PossiblySaid, corrections,
            cancellationToken);

    /// <summary>
    /// Keeps a projection live as of a fixed said time <paramref name="said"/> (T) and the recorded time "whatever has
    /// been recorded so far" (R): yields the state once caught up, then again after every new entry that counts.
    /// Runs until <paramref name="cancellationToken"/> is cancelled.
    /// </summary>
    /// <param name="projection">The projection to run.</param>
    /// <param name="said">T: statements count when said by then, as <paramref name="inclusion"/> says (rule 2).</param>
    /// <param name="inclusion">Certainly said by T (the design's default) or possibly said by T.</param>
    /// <param name="corrections">How a correction recorded later reaches the state.</param>
    /// <param name="cancellationToken">Stops the projection.</param>
    /// <remarks>
    /// T is fixed on purpose: a T that moved with the clock ("said by now") would change the view as time passes with
    /// nothing recorded. For that, run <see cref="ProjectAsync{TState}"/> as of <see cref="Now"/> when you need it.
    /// </remarks>
    public async IAsyncEnumerable<TState> ProjectLiveAsync<TState>(ILedgerProjection<TState> projection,
        DateTimeOffset said, SaidInclusion inclusion, CorrectionHandling corrections = CorrectionHandling.Rebuild,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(projection);
        if (!Enum.IsDefined(inclusion))
        {
            throw new ArgumentOutOfRangeException(nameof(inclusion), inclusion, "not a known SaidInclusion");
        }

        await CatchUpAsync(cancellationToken).ConfigureAwait(false);
        GlobalPosition? head;
        lock (_indexGate)
        {
            head = _index.LastPosition;
        }

        var live = new AsOf(said, DateTimeOffset.MaxValue, inclusion);
        var (state, last) = await FoldAsync(projection, live, head, cancellationToken).ConfigureAwait(false);
        yield return state;

        await foreach (var recorded in _store.SubscribeToAllAsync(last, cancellationToken).ConfigureAwait(false))
        {
            await CatchUpAsync(cancellationToken).ConfigureAwait(false);
            var @event = EventSerializer.Deserialize(recorded.Type, recorded.Data.Span);
            if (@event is StatementAmended or StatementStruck && corrections == CorrectionHandling.Rebuild)
            {
                (state, _) = await FoldAsync(projection, live, recorded.Position, cancellationToken)
                    .ConfigureAwait(false);
            }
            else if (@event is Statement statement && !live.CountsSaid(statement.SaidAt))
            {
                continue;
            }
            else
            {
                state = projection.Apply(state, Entry(recorded, @event));
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
