
namespace ClaimsLedger.Events;

/// <summary>An actor presents evidence about the claim, such as footage or documents.</summary>
/// <param name="Id">This statement's id.</param>
/// <param name="Claim">The claim the evidence bears on.</param>
/// <param name="Actor">Who presented it.</param>
/// <param name="SaidAt">When it was presented.</param>
/// <param name="Source">Where the ledger learned of it.</param>
/// <param name="Evidence">What kind of evidence it is.</param>
/// <param name="Description">What it shows, e.g. "video of smoke over the Defence Ministry".</param>
[LedgerEventType("evidence-presented.v1")]
public sealed record EvidencePresented(
    StatementId Id, ClaimId Claim, ActorId Actor, SaidAt SaidAt, SourceId Source,
    EvidenceKind Evidence, string Description)
    : Statement(Id, Claim, Actor, SaidAt, Source)
{
    /// <summary>Where the evidence can be seen, when published.</summary>
    public Uri? Url { get; init; }

    /// <inheritdoc/>
    public override StatementKind Kind => StatementKind.Evidence;
}
