using ClaimsLedger.Events;

namespace ClaimsLedger.Index;

/// <summary>An actor, its affiliations over time, and the claims it has statements on.</summary>
internal sealed class ActorEntry(ActorRegistered registration, DateTimeOffset recordedAt)
{
    public ActorRegistered Registration { get; } = registration;

    public DateTimeOffset RecordedAt { get; } = recordedAt;

    public List<AffiliationEntry> Affiliations { get; } = [];

    /// <summary>Claims with a statement by this actor, as recorded or as amended.</summary>
    public HashSet<ClaimId> Claims { get; } = [];
}

/// <summary>One period of membership of an organisation.</summary>
internal sealed class AffiliationEntry(ActorAffiliated start, DateTimeOffset recordedAt)
{
    public ActorAffiliated Start { get; } = start;

    public DateTimeOffset RecordedAt { get; } = recordedAt;

    public ActorAffiliationEnded? End { get; set; }

    public DateTimeOffset EndRecordedAt { get; set; }

    public bool IsOpen => End is null;
}

/// <summary>A registered source.</summary>
internal sealed record SourceEntry(SourceRegistered Registration, DateTimeOffset RecordedAt);
