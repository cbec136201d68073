using ClaimsLedger.Events;

namespace ClaimsLedger.Views;

/// <summary>What changed between two as-of points: positions, investigations, the contested flag, corrections.</summary>
/// <param name="From">The earlier point (the "before").</param>
/// <param name="To">The later point (the "after").</param>
/// <param name="Claims">Claims with at least one change, ordered by claim id.</param>
/// <param name="Corrections">Corrections recorded after From's R and at or before To's R, in log order.</param>
public sealed record LedgerDiff(
    AsOf From, AsOf To, IReadOnlyList<ClaimDiff> Claims, IReadOnlyList<CorrectionView> Corrections)
{
    /// <summary>Claims with at least one change, ordered by claim id.</summary>
    public IReadOnlyList<ClaimDiff> Claims { get; } = ValueList<ClaimDiff>.From(Claims);

    /// <summary>Corrections recorded after From's R and at or before To's R, in log order.</summary>
    public IReadOnlyList<CorrectionView> Corrections { get; } = ValueList<CorrectionView>.From(Corrections);

    /// <summary>True when nothing changed.</summary>
    [Newtonsoft.Json.JsonIgnore]
    public bool IsEmpty => Claims.Count == 0 && Corrections.Count == 0;

    /// <summary>Indented JSON with a stable key order.</summary>
    public string ToJson() => ViewJson.Serialize(this);

    /// <summary>A readable text rendering.</summary>
    public string ToText() => Text.DiffText.Render(this);
}

/// <summary>The changes to one claim.</summary>
/// <param name="Claim">The claim.</param>
/// <param name="ContestedBefore">Contested at From.</param>
/// <param name="ContestedAfter">Contested at To.</param>
/// <param name="Positions">Position changes, ordered by actor id.</param>
/// <param name="Investigations">Investigation changes, in statement order.</param>
public sealed record ClaimDiff(
    ClaimSummary Claim,
    bool ContestedBefore,
    bool ContestedAfter,
    IReadOnlyList<PositionChange> Positions,
    IReadOnlyList<InvestigationChange> Investigations)
{
    /// <summary>Position changes, ordered by actor id.</summary>
    public IReadOnlyList<PositionChange> Positions { get; } = ValueList<PositionChange>.From(Positions);

    /// <summary>Investigation changes, in statement order.</summary>
    public IReadOnlyList<InvestigationChange> Investigations { get; } =
        ValueList<InvestigationChange>.From(Investigations);
}

/// <summary>How one actor's position on a claim changed.</summary>
/// <param name="Actor">The actor.</param>
/// <param name="Change">Added, changed or removed.</param>
/// <param name="Before">The position at From, if any.</param>
/// <param name="After">The position at To, if any.</param>
/// <param name="Reason">For a removal: why the position is gone.</param>
public sealed record PositionChange(
    ActorSummary Actor, ChangeKind Change, PositionView? Before, PositionView? After, RemovalReason? Reason);

/// <summary>How an investigation changed.</summary>
/// <param name="Investigation">The investigation's id (its opening statement).</param>
/// <param name="Change">Added (opened), changed (concluded or reopened) or removed.</param>
/// <param name="Before">Its state at From, if it counted then.</param>
/// <param name="After">Its state at To, if it counts then.</param>
public sealed record InvestigationChange(
    StatementId Investigation, ChangeKind Change, InvestigationView? Before, InvestigationView? After);

/// <summary>Kinds of change between two as-of points.</summary>
public enum ChangeKind
{
    /// <summary>Present at To, absent at From.</summary>
    Added = 1,

    /// <summary>Present at both, different.</summary>
    Changed,

    /// <summary>Present at From, absent at To.</summary>
    Removed,
}

/// <summary>Why a position present at From is absent at To.</summary>
public enum RemovalReason
{
    /// <summary>The actor retracted the statement.</summary>
    Retracted = 1,

    /// <summary>The ledger struck the statement as recorded in error.</summary>
    Struck,

    /// <summary>A correction attributed the statement to another actor.</summary>
    Reattributed,

    /// <summary>The statement does not count at To (To is earlier, or its saidAt was corrected).</summary>
    NotCounted,
}

/// <summary>A ledger correction, as the diff lists it.</summary>
/// <param name="Id">The correction's id.</param>
/// <param name="Kind">Amendment or strike.</param>
/// <param name="Statement">The statement corrected.</param>
/// <param name="Claim">The statement's claim.</param>
/// <param name="Reason">Why.</param>
/// <param name="RecordedAt">When the correction was recorded.</param>
/// <param name="Changes">For an amendment: the fields replaced.</param>
public sealed record CorrectionView(
    CorrectionId Id,
    CorrectionKind Kind,
    StatementId Statement,
    ClaimId Claim,
    string Reason,
    DateTimeOffset RecordedAt,
    StatementChanges? Changes);

/// <summary>Kinds of ledger correction.</summary>
public enum CorrectionKind
{
    /// <summary>Some fields were replaced.</summary>
    Amendment = 1,

    /// <summary>The statement was struck as recorded in error.</summary>
    Strike,
}
