namespace ClaimsLedger.Events;

/// <summary>Links one claim to another (contradicts, refines, part of).</summary>
/// <param name="Claim">The claim the link starts from; the event lives in its stream.</param>
/// <param name="Link">How <paramref name="Claim"/> relates to <paramref name="Target"/>.</param>
/// <param name="Target">The other claim.</param>
[LedgerEventType("claim-linked.v1")]
public sealed record ClaimLinked(ClaimId Claim, ClaimLinkKind Link, ClaimId Target) : LedgerEvent;
