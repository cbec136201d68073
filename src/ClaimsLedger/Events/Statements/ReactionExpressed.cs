
namespace ClaimsLedger.Events;

/// <summary>An actor reacts to the claim without a truth stance: condemns, threatens, warns, distances, supports.</summary>
[LedgerEventType("reaction-expressed.v1")]
public sealed record ReactionExpressed(
    StatementId Id, ClaimId Claim, ActorId Actor, SaidAt SaidAt, SourceId Source, ReactionKind Reaction)
    : Statement(Id, Claim, Actor, SaidAt, Source)
{
    /// <inheritdoc/>
    public override StatementKind Kind => StatementKind.Reaction;
}
