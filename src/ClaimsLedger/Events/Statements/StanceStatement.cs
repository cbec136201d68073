using Newtonsoft.Json;

namespace ClaimsLedger.Events;

/// <summary>A statement that takes a side on the claim: an assertion or a denial; only these carry certainty.</summary>
public abstract record StanceStatement(StatementId Id, ClaimId Claim, ActorId Actor, SaidAt SaidAt, SourceId Source)
    : Statement(Id, Claim, Actor, SaidAt, Source)
{
    /// <summary>How sure the speaker sounded; <see cref="Certainty.Certain"/> unless set.</summary>
    public Certainty Certainty { get; init; } = Certainty.Certain;

    /// <summary>The side taken.</summary>
    [JsonIgnore]
    public abstract Stance Stance { get; }
}
