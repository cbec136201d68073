using ClaimsLedger.Events;
using ClaimsLedger.Views;

namespace ClaimsLedger.Index;

/// <summary>An actor, its affiliations over time, and the claims it has statements on.</summary>
internal sealed class ActorEntry(ActorRegistered registration, DateTimeOffset recordedAt)
{
    public ActorRegistered Registration { get; } = registration;

    public DateTimeOffset RecordedAt { get; } = recordedAt;

    /// <summary>The actor's number in the index (see <see cref="LedgerIndex.ActorAt"/>).</summary>
    public int Number { get; init; }

    public List<AffiliationEntry> Affiliations { get; } = [];

    /// <summary>Claims with a statement by this actor, as recorded or as amended.</summary>
    public ActorClaims Claims { get; } = new();

    /// <summary>
    /// The actor as views show it when no affiliation counts: the same at every as-of point, so built once and
    /// shared by the views.
    /// </summary>
    public ActorSummary Unaffiliated => field ??= new ActorSummary(Registration.Id, Registration.Name,
        Registration.Kind, Registration.Anonymous, ValueList<string>.Empty);
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
internal sealed class SourceEntry(SourceRegistered registration, DateTimeOffset recordedAt)
{
    public SourceRegistered Registration { get; } = registration;

    public DateTimeOffset RecordedAt { get; } = recordedAt;

    /// <summary>The source's number in the index (see <see cref="LedgerIndex.SourceAt"/>).</summary>
    public int Number { get; init; }

    /// <summary>The source as views show it; it does not depend on the as-of point, so it is built once.</summary>
    public SourceSummary Summary => field ??= new SourceSummary(Registration.Id, Registration.Publisher,
        Registration.Title, Registration.Url, Registration.Published);

    /// <summary>The provenance of a statement reported directly in this source, with no intermediaries.</summary>
    public Provenance Direct => field ??= new Provenance(Summary, ValueList<ActorSummary>.Empty);
}
