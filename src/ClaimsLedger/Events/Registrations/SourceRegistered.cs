namespace ClaimsLedger.Events;

/// <summary>A source enters the ledger: a document statements were learned from.</summary>
/// <param name="Id">The source's stable id.</param>
/// <param name="Publisher">Who published it, e.g. "NBC News".</param>
/// <param name="Title">Its title or headline.</param>
[LedgerEventType("source-registered.v1")]
public sealed record SourceRegistered(SourceId Id, string Publisher, string Title) : LedgerEvent
{
    /// <summary>Where it can be read (absolute http or https URL), when known.</summary>
    public Uri? Url { get; init; }

    /// <summary>When it was published, with precision, when known.</summary>
    public SaidAt? Published { get; init; }
}
