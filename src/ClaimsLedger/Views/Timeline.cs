using ClaimsLedger.Events;

namespace ClaimsLedger.Views;

/// <summary>Which statements a timeline shows; every filter is optional and they combine with "and".</summary>
public sealed record TimelineQuery
{
    /// <summary>Everything.</summary>
    public static TimelineQuery All { get; } = new();

    /// <summary>Only statements about this claim.</summary>
    public ClaimId? Claim { get; init; }

    /// <summary>Only statements by this actor.</summary>
    public ActorId? Actor { get; init; }

    /// <summary>Only statements about claims tagged with this incident.</summary>
    public string? Incident { get; init; }

    /// <summary>Only statements reported in this source.</summary>
    public SourceId? Source { get; init; }

    /// <summary>Only statements whose saidAt interval reaches this instant or later (ends after it, or is an instant at or after it).</summary>
    public DateTimeOffset? From { get; init; }

    /// <summary>Only statements whose saidAt interval starts before this instant (exclusive bound).</summary>
    public DateTimeOffset? To { get; init; }
}

/// <summary>Counted statements in the ledger's statement order (saidAt start, end, log position).</summary>
/// <param name="AsOf">The point the timeline was built for.</param>
/// <param name="Query">The filters applied.</param>
/// <param name="Entries">The statements.</param>
public sealed record Timeline(AsOf AsOf, TimelineQuery Query, IReadOnlyList<TimelineEntry> Entries)
{
    /// <summary>The statements.</summary>
    public IReadOnlyList<TimelineEntry> Entries { get; } = ValueList<TimelineEntry>.From(Entries);

    /// <summary>Indented JSON with a stable key order.</summary>
    public string ToJson() => ViewJson.Serialize(this);

    /// <summary>A readable text rendering, one line per statement.</summary>
    public string ToText() => Text.TimelineText.Render(this);
}

/// <summary>One statement on a timeline, as the ledger held it at R.</summary>
/// <param name="Claim">The claim it is about.</param>
/// <param name="Statement">The statement, with its kind, actor, time and provenance.</param>
/// <param name="Stance">For an assertion or denial: the side taken.</param>
/// <param name="Certainty">For an assertion or denial: how sure it sounded.</param>
/// <param name="Finding">For a conclusion: what was found.</param>
/// <param name="Investigation">For a conclusion: the investigation concluded.</param>
/// <param name="RetractedBy">The retraction that withdrew it, if one counts.</param>
/// <param name="Corrections">Corrections recorded by R that changed it, in log order.</param>
public sealed record TimelineEntry(
    ClaimSummary Claim,
    StatementView Statement,
    Stance? Stance,
    Certainty? Certainty,
    Finding? Finding,
    StatementId? Investigation,
    StatementId? RetractedBy,
    IReadOnlyList<CorrectionId> Corrections)
{
    /// <summary>Corrections recorded by R that changed it, in log order.</summary>
    public IReadOnlyList<CorrectionId> Corrections { get; } = ValueList<CorrectionId>.From(Corrections);
}
