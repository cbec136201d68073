using ClaimsLedger.Events;

namespace ClaimsLedger.Mediator;

/// <summary>Records that an actor says the claim is true (<see cref="StatementAsserted"/>).</summary>
public sealed record RecordAssertion(StatementId Id, ClaimId Claim, ActorId Actor, SaidAt SaidAt, SourceId Source)
    : StatementCommand(Id, Claim, Actor, SaidAt, Source)
{
    /// <summary>How sure the speaker sounded. Default <see cref="Certainty.Certain"/>.</summary>
    public Certainty Certainty { get; init; } = Certainty.Certain;

    /// <inheritdoc/>
    public override LedgerEvent ToEvent() =>
        WithQuoteAndVia(new StatementAsserted(Id, Claim, Actor, SaidAt, Source) { Certainty = Certainty });
}

/// <summary>Records that an actor says the claim is false (<see cref="StatementDenied"/>).</summary>
public sealed record RecordDenial(StatementId Id, ClaimId Claim, ActorId Actor, SaidAt SaidAt, SourceId Source)
    : StatementCommand(Id, Claim, Actor, SaidAt, Source)
{
    /// <summary>How sure the speaker sounded. Default <see cref="Certainty.Certain"/>.</summary>
    public Certainty Certainty { get; init; } = Certainty.Certain;

    /// <inheritdoc/>
    public override LedgerEvent ToEvent() =>
        WithQuoteAndVia(new StatementDenied(Id, Claim, Actor, SaidAt, Source) { Certainty = Certainty });
}

/// <summary>Records that an actor withdraws its own earlier statement (<see cref="StatementRetracted"/>).</summary>
/// <param name="Id">The retraction's id.</param>
/// <param name="Claim">The claim of the withdrawn statement.</param>
/// <param name="Actor">Who withdraws it: the same actor.</param>
/// <param name="SaidAt">When; not before the withdrawn statement.</param>
/// <param name="Source">Where the ledger learned of it.</param>
/// <param name="Target">The statement withdrawn.</param>
public sealed record RecordRetraction(
    StatementId Id, ClaimId Claim, ActorId Actor, SaidAt SaidAt, SourceId Source, StatementId Target)
    : StatementCommand(Id, Claim, Actor, SaidAt, Source)
{
    /// <inheritdoc/>
    public override LedgerEvent ToEvent() =>
        WithQuoteAndVia(new StatementRetracted(Id, Claim, Actor, SaidAt, Source, Target));
}

/// <summary>Records that an actor announces an investigation of the claim (<see cref="InvestigationOpened"/>);
/// the id is the investigation's.</summary>
public sealed record OpenInvestigation(StatementId Id, ClaimId Claim, ActorId Actor, SaidAt SaidAt, SourceId Source)
    : StatementCommand(Id, Claim, Actor, SaidAt, Source)
{
    /// <inheritdoc/>
    public override LedgerEvent ToEvent() =>
        WithQuoteAndVia(new InvestigationOpened(Id, Claim, Actor, SaidAt, Source));
}

/// <summary>Records the end of an investigation, with its finding (<see cref="InvestigationConcluded"/>).</summary>
/// <param name="Id">The conclusion's id.</param>
/// <param name="Claim">The investigation's claim.</param>
/// <param name="Actor">Who announced the conclusion.</param>
/// <param name="SaidAt">When.</param>
/// <param name="Source">Where the ledger learned of it.</param>
/// <param name="Investigation">The id of the opening statement.</param>
/// <param name="Finding">What was found.</param>
public sealed record ConcludeInvestigation(
    StatementId Id, ClaimId Claim, ActorId Actor, SaidAt SaidAt, SourceId Source, StatementId Investigation,
    Finding Finding)
    : StatementCommand(Id, Claim, Actor, SaidAt, Source)
{
    /// <inheritdoc/>
    public override LedgerEvent ToEvent() =>
        WithQuoteAndVia(new InvestigationConcluded(Id, Claim, Actor, SaidAt, Source, Investigation, Finding));
}

/// <summary>Records a reaction without a truth stance: condemns, threatens, warns, distances, supports
/// (<see cref="ReactionExpressed"/>).</summary>
/// <param name="Id">The reaction's id.</param>
/// <param name="Claim">The claim reacted to.</param>
/// <param name="Actor">Who reacted.</param>
/// <param name="SaidAt">When.</param>
/// <param name="Source">Where the ledger learned of it.</param>
/// <param name="Reaction">The kind of reaction.</param>
public sealed record RecordReaction(
    StatementId Id, ClaimId Claim, ActorId Actor, SaidAt SaidAt, SourceId Source, ReactionKind Reaction)
    : StatementCommand(Id, Claim, Actor, SaidAt, Source)
{
    /// <inheritdoc/>
    public override LedgerEvent ToEvent() =>
        WithQuoteAndVia(new ReactionExpressed(Id, Claim, Actor, SaidAt, Source, Reaction));
}

/// <summary>Records that an actor presents evidence, such as footage or documents (<see cref="EvidencePresented"/>).</summary>
/// <param name="Id">The statement's id.</param>
/// <param name="Claim">The claim the evidence bears on.</param>
/// <param name="Actor">Who presented it.</param>
/// <param name="SaidAt">When.</param>
/// <param name="Source">Where the ledger learned of it.</param>
/// <param name="Evidence">The kind of evidence.</param>
/// <param name="Description">What it shows.</param>
public sealed record PresentEvidence(
    StatementId Id, ClaimId Claim, ActorId Actor, SaidAt SaidAt, SourceId Source, EvidenceKind Evidence,
    string Description)
    : StatementCommand(Id, Claim, Actor, SaidAt, Source)
{
    /// <summary>Where the evidence can be seen, when published.</summary>
    public Uri? Url { get; init; }

    /// <inheritdoc/>
    public override LedgerEvent ToEvent() =>
        WithQuoteAndVia(new EvidencePresented(Id, Claim, Actor, SaidAt, Source, Evidence, Description) { Url = Url });
}
