using Newtonsoft.Json;

namespace ClaimsLedger.Events;

/// <summary>
/// One act of an actor about one claim, at a time, reported in a source: the common shape of every
/// statement kind.
/// </summary>
/// <param name="Id">Caller-given id; appending the same statement twice changes nothing.</param>
/// <param name="Claim">The claim the statement is about.</param>
/// <param name="Actor">Who made the statement.</param>
/// <param name="SaidAt">When it was made, with precision; must start no later than when it is recorded.</param>
/// <param name="Source">Where the ledger learned of it.</param>
public abstract record Statement(StatementId Id, ClaimId Claim, ActorId Actor, SaidAt SaidAt, SourceId Source)
    : LedgerEvent
{
    /// <summary>The speaker's words verbatim, when reported.</summary>
    public string? Quote { get; init; }

    /// <summary>
    /// Intermediaries the statement came through before the source, nearest to the speaker first; e.g. US officials
    /// said it to NBC News (via <c>nbc-news</c>), and the source article reported that.
    /// </summary>
    public IReadOnlyList<ActorId> Via { get; init => field = ValueList<ActorId>.From(value); } =
        ValueList<ActorId>.Empty;

    /// <summary>The kind of statement; fixed by the record type.</summary>
    [JsonIgnore]
    public abstract StatementKind Kind { get; }
}
