using System.Runtime.CompilerServices;
using ClaimsLedger.Events;
using ClaimsLedger.Projections;
using ClaimsLedger.Serialization;
using ClaimsLedger.Storage;
using ClaimsLedger.Telemetry;

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
    /// corrections themselves are not delivered: they are already applied. Traced and counted as a view build
    /// (<c>projection</c>), and the events it reads as events read.
    /// </remarks>
    public async Task<TState> ProjectAsync<TState>(ILedgerProjection<TState> projection, AsOf asOf,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(projection);
        var (state, _) = await BuildProjectionAsync("projection", projection, asOf, upTo: null, cancellationToken)
            .ConfigureAwait(false);
        return state;
    }

    /// <summary>
    /// Keeps a projection live from a catch-up subscription: yields the state once caught up, then again after every
    /// new entry. Runs until <paramref name="cancellationToken"/> is cancelled.
    /// </summary>
    /// <remarks>
    /// <para>Live means "as recorded so far", with no bound on said time: every recorded statement counts (its saidAt
    /// starts no later than its recordedAt, so it was possibly said by now). To bound said time, use the overload
    /// taking <c>said</c> and <c>inclusion</c>. A correction recorded later either rebuilds the state
    /// (<see cref="CorrectionHandling.Rebuild"/>) or is delivered as an entry (<see cref="CorrectionHandling.Deliver"/>).</para>
    /// <para>The first state and every rebuild are traced and counted as view builds (<c>projection-live</c>); the
    /// entries applied one by one are counted as events read.</para>
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
    /// <exception cref="ArgumentException"><see cref="CorrectionHandling.Deliver"/> with a bounded
    /// <paramref name="said"/>: an amendment may move a statement the projection never saw across T, so only a
    /// rebuild keeps the state equal to <see cref="ProjectAsync{TState}"/>.</exception>
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

        if (corrections == CorrectionHandling.Deliver && said != DateTimeOffset.MaxValue)
        {
            throw new ArgumentException(
                $"CorrectionHandling.Deliver needs an unbounded said time, not {said:O}: an amendment may move a " +
                "statement the projection never saw across it; use CorrectionHandling.Rebuild", nameof(corrections));
        }

        var live = new AsOf(said, DateTimeOffset.MaxValue, inclusion);
        var (state, last) = await BuildProjectionAsync("projection-live", projection, live, upTo: null,
            cancellationToken).ConfigureAwait(false);
        yield return state;

        await foreach (var recorded in _store.SubscribeToAllAsync(last, cancellationToken).ConfigureAwait(false))
        {
            _diagnostics.Read(1, "projection");
            await CatchUpAsync(cancellationToken).ConfigureAwait(false);
            var @event = EventSerializer.Deserialize(recorded.Type, recorded.Data.Span);
            if (@event is StatementAmended or StatementStruck && corrections == CorrectionHandling.Rebuild)
            {
                (state, _) = await BuildProjectionAsync("projection-live", projection, live, recorded.Position,
                    cancellationToken).ConfigureAwait(false);
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

    /// <summary>Folds a projection from the store's start, traced and counted as a build of <paramref name="view"/>.</summary>
    /// <param name="view">The view name on the activity and the instruments.</param>
    /// <param name="projection">The projection.</param>
    /// <param name="asOf">What counts.</param>
    /// <param name="upTo">The last position to fold; null to catch up first and fold up to the ledger's last position
    /// (none when the ledger is empty).</param>
    /// <param name="cancellationToken">Cancels the reads.</param>
    private async Task<(TState State, GlobalPosition? Last)> BuildProjectionAsync<TState>(string view,
        ILedgerProjection<TState> projection, AsOf asOf, GlobalPosition? upTo, CancellationToken cancellationToken)
    {
        using var activity = LedgerDiagnostics.StartView(view);
        var started = _diagnostics.Timestamp();
        try
        {
            if (upTo is null)
            {
                await CatchUpAsync(cancellationToken).ConfigureAwait(false);
                lock (_indexGate)
                {
                    upTo = _index.LastPosition;
                }
            }

            var result = await FoldAsync(projection, asOf, upTo, cancellationToken).ConfigureAwait(false);
            _diagnostics.ViewBuilt(view, started);
            return result;
        }
        catch (Exception e)
        {
            LedgerDiagnostics.Failed(activity, e);
            throw;
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

        var read = 0L;
        try
        {
            await foreach (var recorded in _store.ReadAllForwardsAsync(GlobalPosition.Start, cancellationToken)
                               .ConfigureAwait(false))
            {
                read++;
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
        }
        finally
        {
            // Every event the store handed over, the one past the end included: what the store was asked for.
            _diagnostics.Read(read, "projection");
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
