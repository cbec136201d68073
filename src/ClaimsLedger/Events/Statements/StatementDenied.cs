
namespace ClaimsLedger.Events;

/// <summary>An actor says the claim is false.</summary>
[LedgerEventType("statement-denied.v1")]
public sealed record StatementDenied(StatementId Id, ClaimId Claim, ActorId Actor, SaidAt SaidAt, SourceId Source)
    : StanceStatement(Id, Claim, Actor, SaidAt, Source)
{
    /// <inheritdoc/>
    public override StatementKind Kind => StatementKind.Denial;

    /// <inheritdoc/>
    public override Stance Stance => Stance.Denies;
}
