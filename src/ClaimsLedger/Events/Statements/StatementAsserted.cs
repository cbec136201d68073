
namespace ClaimsLedger.Events;

/// <summary>An actor says the claim is true: claims responsibility, blames, confirms.</summary>
[LedgerEventType("statement-asserted.v1")]
public sealed record StatementAsserted(StatementId Id, ClaimId Claim, ActorId Actor, SaidAt SaidAt, SourceId Source)
    : StanceStatement(Id, Claim, Actor, SaidAt, Source)
{
    /// <inheritdoc/>
    public override StatementKind Kind => StatementKind.Assertion;

    /// <inheritdoc/>
    public override Stance Stance => Stance.Asserts;
}
