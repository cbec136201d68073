using ClaimsLedger.Events;
using ClaimsLedger.Index;

namespace ClaimsLedger.Views;

/// <summary>Builds the public view records for one as-of point from the index and claim evaluations.</summary>
internal sealed class ViewFactory(LedgerIndex index, AsOf asOf)
{
    private readonly Dictionary<ActorId, ActorSummary> _actors = [];
    private readonly Dictionary<SourceId, SourceSummary> _sources = [];

    public LedgerIndex Index => index;

    public AsOf AsOf => asOf;

    public ClaimStatus Status(ClaimEvaluation evaluation) => new(
        Claim(evaluation.Claim),
        evaluation.Contested,
        [.. evaluation.Positions.Select(Position)
            .OrderBy(p => p.Stance).ThenBy(p => p.Certainty).ThenBy(p => p.Actor.Id)],
        [.. evaluation.Investigations.Select(i => Investigation(i.Opening, i.Conclusion))],
        [.. evaluation.Reactions.Select(Statement)],
        [.. evaluation.Evidence.Select(Statement)],
        [.. evaluation.Retractions.Select(Statement)],
        [.. evaluation.Claim.Links.Where(l => l.RecordedAt <= asOf.Recorded)
            .Select(l => new ClaimLinkView(l.Link.Link, l.Link.Target))
            .OrderBy(l => l.Link).ThenBy(l => l.Target)]);

    public ClaimSummary Claim(ClaimEntry claim) =>
        new(claim.Registration.Id, claim.Registration.Text, claim.Registration.Incidents);

    public PositionView Position(Counted counted)
    {
        var statement = (StanceStatement)counted.Statement;
        return new PositionView(Actor(statement.Actor), statement.Stance, statement.Certainty, statement.Id,
            statement.SaidAt, statement.Quote, Provenance(statement), counted.Entry.RecordedAt, counted.Corrected);
    }

    public StatementView Statement(Counted counted)
    {
        var s = counted.Statement;
        var view = new StatementView(s.Id, s.Kind, Actor(s.Actor), s.SaidAt, s.Quote, Provenance(s),
            counted.Entry.RecordedAt, counted.Corrected);
        return s switch
        {
            ReactionExpressed r => view with { Reaction = r.Reaction },
            EvidencePresented e => view with { Evidence = e.Evidence, Description = e.Description, Url = e.Url },
            StatementRetracted r => view with { Target = r.Target },
            _ => view,
        };
    }

    public InvestigationView Investigation(Counted opening, Counted? conclusion) => new(
        Statement(opening),
        conclusion is null ? InvestigationStatus.Open : InvestigationStatus.Concluded,
        conclusion is null ? null : Statement(conclusion),
        (conclusion?.Statement as InvestigationConcluded)?.Finding);

    public ActorSummary Actor(ActorId id)
    {
        if (_actors.TryGetValue(id, out var summary))
        {
            return summary;
        }

        var actor = index.Actors[id];
        var registration = actor.Registration;
        summary = new ActorSummary(id, registration.Name, registration.Kind, registration.Anonymous,
            [.. CountedAffiliations(actor).Select(a => index.Actors[a.Start.Organisation].Registration.Name)]);
        _actors[id] = summary;
        return summary;
    }

    public IEnumerable<AffiliationEntry> CountedAffiliations(ActorEntry actor) =>
        actor.Affiliations.Where(a =>
            a.RecordedAt <= asOf.Recorded && asOf.CountsSaid(a.Start.Since)
            && !(a.End is { } end && a.EndRecordedAt <= asOf.Recorded && asOf.CountsSaid(end.Until)));

    public SourceSummary Source(SourceId id)
    {
        if (!_sources.TryGetValue(id, out var summary))
        {
            var source = index.Sources[id].Registration;
            summary = new SourceSummary(id, source.Publisher, source.Title, source.Url, source.Published);
            _sources[id] = summary;
        }

        return summary;
    }

    private Provenance Provenance(Statement statement) =>
        new(Source(statement.Source), [.. statement.Via.Select(Actor)]);
}
