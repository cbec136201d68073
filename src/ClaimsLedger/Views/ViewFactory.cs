using ClaimsLedger.Events;
using ClaimsLedger.Index;

namespace ClaimsLedger.Views;

/// <summary>Builds the public view records for one as-of point from the index and claim evaluations.</summary>
/// <remarks>
/// Summaries that do not depend on the as-of point (claims, sources, actors with no counted affiliation) are built
/// once and kept in the index, shared by every view: view records are immutable.
/// </remarks>
internal sealed class ViewFactory(LedgerIndex index, AsOf asOf)
{
    private const int MaxKeysOnStack = 256;

    private static readonly Comparison<PositionView> PositionOrder = ComparePositions;

    private Dictionary<ActorId, ActorSummary>? _affiliated;

    // What ClaimEvaluation.TouchShown read; kept only so that its loads are not optimised away.
    private int _touched;

    public LedgerIndex Index => index;

    public AsOf AsOf => asOf;

    public ClaimStatus Status(ClaimEvaluation evaluation)
    {
        _touched = evaluation.TouchShown();
        return new ClaimStatus(
        Claim(evaluation.Claim),
        evaluation.Contested,
        Positions(evaluation),
        Investigations(evaluation),
        Statements(evaluation, evaluation.Reactions),
        Statements(evaluation, evaluation.Evidence),
        Statements(evaluation, evaluation.Retractions),
        Links(evaluation.Claim));
    }

    public ClaimSummary Claim(ClaimEntry claim) => claim.Summary;

    public PositionView Position(in Counted counted)
    {
        var s = counted.Parts;
        return new PositionView(Actor(counted, s.Actor), s.Stance, s.Certainty, s.Id, s.SaidAt, s.Quote,
            Provenance(counted, s), counted.RecordedAt, counted.Corrected);
    }

    public StatementView Statement(in Counted counted) => Statement(counted, counted.Parts);

    /// <summary>The view of <paramref name="counted"/>, whose parts <paramref name="s"/> the caller read.</summary>
    public StatementView Statement(in Counted counted, in StatementParts s) =>
        new(s.Id, s.Kind, Actor(counted, s.Actor), s.SaidAt, s.Quote, Provenance(counted, s), counted.RecordedAt,
            counted.Corrected)
        {
            Reaction = s.Kind == StatementKind.Reaction ? s.Reaction : null,
            Evidence = s.Kind == StatementKind.Evidence ? s.Evidence : null,
            Description = s.Description,
            Url = s.Url,
            Target = s.Kind == StatementKind.Retraction ? s.Target : (StatementId?)null,
        };

    public InvestigationView Investigation(in Counted opening, in Counted? conclusion)
    {
        if (conclusion is not { } concluded)
        {
            return new InvestigationView(Statement(opening), InvestigationStatus.Open, null, null);
        }

        var parts = concluded.Parts;
        return new InvestigationView(Statement(opening), InvestigationStatus.Concluded, Statement(concluded, parts),
            parts.Finding);
    }

    public ActorSummary Actor(ActorId id) => Actor(id, index.Actors[id]);

    private ActorSummary Actor(in Counted counted, ActorId actor) =>
        index.ActorAt(counted.ActorNumber) is { } speaker
            ? Actor(actor, speaker)
            : Actor(actor);

    private ActorSummary Actor(ActorId id, ActorEntry actor)
    {
        if (actor.Affiliations.Count == 0)
        {
            return actor.Unaffiliated;
        }

        if (_affiliated?.TryGetValue(id, out var summary) == true)
        {
            return summary;
        }

        var registration = actor.Registration;
        string[] affiliations = [.. CountedAffiliations(actor).Select(a => index.Actors[a.Start.Organisation].Registration.Name)];
        summary = affiliations.Length == 0
            ? actor.Unaffiliated
            : new ActorSummary(id, registration.Name, registration.Kind, registration.Anonymous,
                ValueList<string>.Wrap(affiliations));
        (_affiliated ??= [])[id] = summary;
        return summary;
    }

    public IEnumerable<AffiliationEntry> CountedAffiliations(ActorEntry actor) =>
        actor.Affiliations.Where(a =>
            a.RecordedAt <= asOf.Recorded && asOf.CountsSaid(a.Start.Since)
            && !(a.End is { } end && a.EndRecordedAt <= asOf.Recorded && asOf.CountsSaid(end.Until)));

    public SourceSummary Source(SourceId id) => index.Sources[id].Summary;

    private IReadOnlyList<PositionView> Positions(ClaimEvaluation evaluation)
    {
        var indexes = evaluation.Positions;
        if (indexes.IsEmpty)
        {
            return ValueList<PositionView>.Empty;
        }

        var statements = evaluation.Statements;
        var views = new PositionView[indexes.Length];
        // Sort keys on the stack for a claim of usual size: an array per view was a twentieth of what a one-claim view
        // allocated.
        var keys = views.Length <= MaxKeysOnStack ? stackalloc long[views.Length] : new long[views.Length];
        var ranks = index.ActorRanks();
        var ranked = true;
        for (var i = 0; i < views.Length; i++)
        {
            ref readonly var counted = ref statements[indexes[i]];
            var view = views[i] = Position(counted);
            var rank = (uint)counted.ActorNumber < (uint)ranks.Length ? ranks[counted.ActorNumber] : -1;
            ranked &= rank >= 0;
            keys[i] = ((long)view.Stance << 56) | ((long)view.Certainty << 48) | (uint)rank;
        }

        if (ranked)
        {
            keys.Sort(views.AsSpan());
        }
        else
        {
            // An actor the index has no rank for (an amendment naming an unregistered actor): compare the ids.
            Array.Sort(views, PositionOrder);
        }

        return ValueList<PositionView>.Wrap(views);
    }

    /// <summary>By stance (asserts first), certainty, then actor id.</summary>
    /// <remarks>
    /// Positions are one per actor, so the order is total and any sort gives the one result. Sorting on keys of
    /// stance, certainty and the actor's rank in id order (<see cref="LedgerIndex.ActorRanks"/>) spares reading the
    /// actor ids, strings elsewhere on the heap, on every comparison: a tenth of a one-claim query did that.
    /// </remarks>
    private static int ComparePositions(PositionView a, PositionView b)
    {
        if (a.Stance != b.Stance)
        {
            return a.Stance < b.Stance ? -1 : 1;
        }

        if (a.Certainty != b.Certainty)
        {
            return a.Certainty < b.Certainty ? -1 : 1;
        }

        return a.Actor.Id.CompareTo(b.Actor.Id);
    }

    private IReadOnlyList<InvestigationView> Investigations(ClaimEvaluation evaluation)
    {
        var pairs = evaluation.Investigations;
        if (pairs.IsEmpty)
        {
            return ValueList<InvestigationView>.Empty;
        }

        var statements = evaluation.Statements;
        var views = new InvestigationView[pairs.Length / 2];
        for (var i = 0; i < views.Length; i++)
        {
            var conclusion = pairs[(2 * i) + 1];
            views[i] = Investigation(statements[pairs[2 * i]], conclusion < 0 ? null : statements[conclusion]);
        }

        return ValueList<InvestigationView>.Wrap(views);
    }

    private ValueList<StatementView> Statements(ClaimEvaluation evaluation, ReadOnlySpan<int> indexes)
    {
        if (indexes.IsEmpty)
        {
            return ValueList<StatementView>.Empty;
        }

        var statements = evaluation.Statements;
        var views = new StatementView[indexes.Length];
        for (var i = 0; i < views.Length; i++)
        {
            views[i] = Statement(statements[indexes[i]]);
        }

        return ValueList<StatementView>.Wrap(views);
    }

    private IReadOnlyList<ClaimLinkView> Links(ClaimEntry claim) =>
        claim.Links.Count == 0
            ? ValueList<ClaimLinkView>.Empty
            : [.. claim.Links.Where(l => l.RecordedAt <= asOf.Recorded)
                .Select(l => new ClaimLinkView(l.Link.Link, l.Link.Target))
                .OrderBy(l => l.Link).ThenBy(l => l.Target)];

    private Provenance Provenance(in Counted counted, in StatementParts statement)
    {
        var source = index.SourceAt(statement.SourceNumber) ?? index.Sources[statement.Source];
        return statement.Via.Count == 0
            ? source.Direct
            : new Provenance(source.Summary, [.. statement.Via.Select(Actor)]);
    }
}
