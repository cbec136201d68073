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
    private static readonly Comparison<PositionView> PositionOrder = (a, b) =>
    {
        var byStance = ((int)a.Stance).CompareTo((int)b.Stance);
        if (byStance != 0)
        {
            return byStance;
        }

        var byCertainty = ((int)a.Certainty).CompareTo((int)b.Certainty);
        return byCertainty != 0 ? byCertainty : a.Actor.Id.CompareTo(b.Actor.Id);
    };

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
        return new PositionView(Actor(statement.Actor), statement.Stance, statement.Certainty, statement.Id,
            statement.SaidAt, statement.Quote, Provenance(statement), counted.Entry.RecordedAt, counted.Corrected);
    }

    public StatementView Statement(in Counted counted)
    {
        var s = counted.Statement;
        var evidence = s as EvidencePresented;
        return new StatementView(s.Id, s.Kind, Actor(s.Actor), s.SaidAt, s.Quote, Provenance(s),
            counted.Entry.RecordedAt, counted.Corrected)
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

    public ActorSummary Actor(ActorId id)
    {
        var actor = index.Actors[id];
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

        // Positions are one per actor, so the order is total and an unstable sort gives the one result.
        Array.Sort(views, PositionOrder);
        return ValueList<PositionView>.Wrap(views);
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

    private Provenance Provenance(Statement statement)
    {
        var source = index.Sources[statement.Source];
        return statement.Via.Count == 0
            ? source.Direct
            : new Provenance(source.Summary, [.. statement.Via.Select(Actor)]);
    }
}
