
namespace ClaimsLedger.Events;

/// <summary>An actor announces that it is investigating the claim.</summary>
/// <remarks>The statement id is the investigation's id, which a conclusion refers to.</remarks>
[LedgerEventType("investigation-opened.v1")]
public sealed record InvestigationOpened(StatementId Id, ClaimId Claim, ActorId Actor, SaidAt SaidAt, SourceId Source)
    : Statement(Id, Claim, Actor, SaidAt, Source)
{
    /// <inheritdoc/>
    public override StatementKind Kind => StatementKind.InvestigationOpened;
}
