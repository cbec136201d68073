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
    private static readonly Comparison<PositionView> PositionOrder = ComparePositions;

    private Dictionary<ActorId, ActorSummary>? _affiliated;

    public LedgerIndex Index => index;

    public AsOf AsOf => asOf;

    public ClaimStatus Status(ClaimEvaluation evaluation) => new(
        Claim(evaluation.Claim),
        evaluation.Contested,
        Positions(evaluation),
        Investigations(evaluation),
        Statements(evaluation, evaluation.Reactions),
        Statements(evaluation, evaluation.Evidence),
        Statements(evaluation, evaluation.Retractions),
        Links(evaluation.Claim));

    public ClaimSummary Claim(ClaimEntry claim) => claim.Summary;

    public PositionView Position(in Counted counted)
    {
        var statement = (StanceStatement)counted.Statement;
        return new PositionView(Actor(counted), statement.Stance, statement.Certainty, statement.Id,
            statement.SaidAt, statement.Quote, Provenance(counted), counted.RecordedAt, counted.Corrected);
    }

    public StatementView Statement(in Counted counted)
    {
        var s = counted.Statement;
        var evidence = s as EvidencePresented;
        return new StatementView(s.Id, s.Kind, Actor(counted), s.SaidAt, s.Quote, Provenance(counted),
            counted.RecordedAt, counted.Corrected)
        {
            Reaction = (s as ReactionExpressed)?.Reaction,
            Evidence = evidence?.Evidence,
            Description = evidence?.Description,
            Url = evidence?.Url,
            Target = (s as StatementRetracted)?.Target,
        };
    }

    public InvestigationView Investigation(in Counted opening, in Counted? conclusion) => new(
        Statement(opening),
        conclusion is null ? InvestigationStatus.Open : InvestigationStatus.Concluded,
        conclusion is { } concluded ? Statement(concluded) : null,
        (conclusion?.Statement as InvestigationConcluded)?.Finding);

    public ActorSummary Actor(ActorId id) => Actor(id, index.Actors[id]);

    private ActorSummary Actor(in Counted counted) =>
        counted.Speaker is not { } speaker
            ? Actor(counted.Statement.Actor)
            : Actor(counted.Statement.Actor, speaker);

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
        for (var i = 0; i < views.Length; i++)
        {
            views[i] = Position(statements[indexes[i]]);
        }

        SortPositions(views);
        return ValueList<PositionView>.Wrap(views);
    }

    /// <summary>By stance (asserts first), certainty, then actor id.</summary>
    /// <remarks>
    /// Positions are one per actor, so the order is total and any sort gives the one result. A claim typically holds a
    /// few dozen as of one point: there an insertion sort, reading the actor ids (strings elsewhere on the heap) only
    /// between equal stances and certainties, beats a general sort with a delegate.
    /// </remarks>
    private static void SortPositions(PositionView[] views)
    {
        if (views.Length > 64)
        {
            Array.Sort(views, PositionOrder);
            return;
        }

        for (var i = 1; i < views.Length; i++)
        {
            var view = views[i];
            var j = i - 1;
            while (j >= 0 && ComparePositions(views[j], view) > 0)
            {
                views[j + 1] = views[j];
                j--;
            }

            views[j + 1] = view;
        }
    }

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

    private Provenance Provenance(in Counted counted)
    {
        var statement = counted.Statement;
        var source = counted.Source ?? index.Sources[statement.Source];
        return statement.Via.Count == 0
            ? source.Direct
            : new Provenance(source.Summary, [.. statement.Via.Select(Actor)]);
    }
}
