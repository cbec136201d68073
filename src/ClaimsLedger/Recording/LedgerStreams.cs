using ClaimsLedger.Events;
using ClaimsLedger.Storage;

namespace ClaimsLedger.Recording;

/// <summary>
/// Where each event lives: one stream per claim (its registration, links, statements and their corrections),
/// one per actor (registration, affiliations), one per source.
/// </summary>
internal static class LedgerStreams
{
    public const string ClaimPrefix = "claim:";
    public const string ActorPrefix = "actor:";
    public const string SourcePrefix = "source:";

    public static StreamName Claim(ClaimId id) => new(ClaimPrefix + id.Value);

    public static StreamName Actor(ActorId id) => new(ActorPrefix + id.Value);

    public static StreamName Source(SourceId id) => new(SourcePrefix + id.Value);

    /// <summary>
    /// The order in which one batch's streams are written: sources, then actors, then claims, so that every
    /// statement follows the registrations it refers to in the global order. (Links between claims and
    /// affiliations between actors of one batch may still point forwards; the index does not need their targets.)
    /// </summary>
    public static int Rank(StreamName stream) =>
        stream.Value.StartsWith(SourcePrefix, StringComparison.Ordinal) ? 0
        : stream.Value.StartsWith(ActorPrefix, StringComparison.Ordinal) ? 1
        : 2;

    /// <summary>The stream of an event, given the claim of the statement a correction targets.</summary>
    public static StreamName For(LedgerEvent @event, Func<StatementId, ClaimId> claimOfStatement) => @event switch
    {
        ClaimRegistered e => Claim(e.Id),
        ClaimLinked e => Claim(e.Claim),
        ActorRegistered e => Actor(e.Id),
        ActorAffiliated e => Actor(e.Actor),
        ActorAffiliationEnded e => Actor(e.Actor),
        SourceRegistered e => Source(e.Id),
        Statement e => Claim(e.Claim),
        StatementAmended e => Claim(claimOfStatement(e.Statement)),
        StatementStruck e => Claim(claimOfStatement(e.Statement)),
        _ => throw new ArgumentException($"unknown event {@event.GetType().Name}", nameof(@event)),
    };
}
