
namespace ClaimsLedger.Events;

/// <summary>An actor withdraws its own earlier statement about the same claim.</summary>
/// <remarks>
/// The target must be the same actor's assertion, denial, reaction or evidence about the same claim, and the
/// retraction's saidAt must not start before the target's. A retracted position falls back to the actor's
/// previous one. To undo a ledger mistake use <see cref="StatementStruck"/> instead.
/// </remarks>
[LedgerEventType("statement-retracted.v1")]
public sealed record StatementRetracted(
    StatementId Id, ClaimId Claim, ActorId Actor, SaidAt SaidAt, SourceId Source, StatementId Target)
    : Statement(Id, Claim, Actor, SaidAt, Source)
{
    /// <inheritdoc/>
    public override StatementKind Kind => StatementKind.Retraction;
}
