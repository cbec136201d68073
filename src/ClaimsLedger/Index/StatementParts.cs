using ClaimsLedger.Events;

namespace ClaimsLedger.Index;

/// <summary>
/// The fields of a statement of any kind, read from its bytes or taken from its record: what the views are built
/// from, so that a view of a statement kept as bytes does not first build the statement's record.
/// </summary>
internal struct StatementParts(
    StatementKind kind, StatementId id, ClaimId claim, ActorId actor, SaidAt saidAt, SourceId source, string? quote,
    ValueList<ActorId> via)
{
    public readonly StatementKind Kind = kind;
    public readonly StatementId Id = id;
    public readonly ClaimId Claim = claim;
    public readonly ActorId Actor = actor;
    public readonly SaidAt SaidAt = saidAt;
    public readonly SourceId Source = source;
    public readonly string? Quote = quote;
    public readonly ValueList<ActorId> Via = via;

    /// <summary>Of an assertion or denial.</summary>
    public Certainty Certainty;

    /// <summary>What a retraction withdraws, or the investigation a conclusion concludes.</summary>
    public StatementId Target;

    /// <summary>The source's number in the table (<see cref="LedgerIndex.SourceAt"/>); -1 when taken from a record.</summary>
    public int SourceNumber = -1;

    public ReactionKind Reaction;

    public EvidenceKind Evidence;

    public string? Description;

    public Uri? Url;

    public Finding? Finding;

    /// <summary>The side an assertion or denial takes.</summary>
    public readonly Stance Stance => Kind == StatementKind.Denial ? Stance.Denies : Stance.Asserts;

    /// <summary>The parts of <paramref name="statement"/>.</summary>
    public static StatementParts Of(Statement statement)
    {
        var parts = new StatementParts(statement.Kind, statement.Id, statement.Claim, statement.Actor, statement.SaidAt,
            statement.Source, statement.Quote, ValueList<ActorId>.From(statement.Via));
        switch (statement)
        {
            case StanceStatement stance:
                parts.Certainty = stance.Certainty;
                break;
            case StatementRetracted retraction:
                parts.Target = retraction.Target;
                break;
            case ReactionExpressed reaction:
                parts.Reaction = reaction.Reaction;
                break;
            case EvidencePresented evidence:
                parts.Evidence = evidence.Evidence;
                parts.Description = evidence.Description;
                parts.Url = evidence.Url;
                break;
            case InvestigationConcluded conclusion:
                parts.Target = conclusion.Investigation;
                parts.Finding = conclusion.Finding;
                break;
        }

        return parts;
    }

    /// <summary>The statement's record.</summary>
    public readonly Statement ToStatement() => Kind switch
    {
        StatementKind.Assertion => new StatementAsserted(Id, Claim, Actor, SaidAt, Source)
        {
            Certainty = Certainty,
            Quote = Quote,
            Via = Via,
        },
        StatementKind.Denial => new StatementDenied(Id, Claim, Actor, SaidAt, Source)
        {
            Certainty = Certainty,
            Quote = Quote,
            Via = Via,
        },
        StatementKind.Retraction => new StatementRetracted(Id, Claim, Actor, SaidAt, Source, Target)
        {
            Quote = Quote,
            Via = Via,
        },
        StatementKind.Reaction => new ReactionExpressed(Id, Claim, Actor, SaidAt, Source, Reaction)
        {
            Quote = Quote,
            Via = Via,
        },
        StatementKind.Evidence => new EvidencePresented(Id, Claim, Actor, SaidAt, Source, Evidence, Description!)
        {
            Url = Url,
            Quote = Quote,
            Via = Via,
        },
        StatementKind.InvestigationOpened => new InvestigationOpened(Id, Claim, Actor, SaidAt, Source)
        {
            Quote = Quote,
            Via = Via,
        },
        StatementKind.InvestigationConcluded => new InvestigationConcluded(Id, Claim, Actor, SaidAt, Source, Target,
            Finding!)
        {
            Quote = Quote,
            Via = Via,
        },
        _ => throw new InvalidOperationException($"statement '{Id}' is of unknown kind {(int)Kind}"),
    };
}
