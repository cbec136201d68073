namespace ClaimsLedger.Events;

/// <summary>What kind of speaker an actor is.</summary>
public enum ActorKind
{
    /// <summary>A named person.</summary>
    Person = 1,

    /// <summary>A company, NGO or other organisation.</summary>
    Organisation,

    /// <summary>A government, ministry or official body.</summary>
    Government,

    /// <summary>An armed, political or activist group.</summary>
    Group,

    /// <summary>A news outlet or broadcaster.</summary>
    Media,

    /// <summary>A loose collective such as "US officials", usually anonymous.</summary>
    Collective,
}

/// <summary>How two claims relate.</summary>
public enum ClaimLinkKind
{
    /// <summary>Both claims cannot be true together.</summary>
    Contradicts = 1,

    /// <summary>The claim is a more specific version of the target.</summary>
    Refines,

    /// <summary>The claim is one part of the target.</summary>
    PartOf,
}

/// <summary>How sure a speaker sounded (the hedge).</summary>
public enum Certainty
{
    /// <summary>Stated as fact.</summary>
    Certain = 1,

    /// <summary>"Likely", "probably".</summary>
    Probable,

    /// <summary>"May have", "could".</summary>
    Possible,
}

/// <summary>Which side of a claim a position takes.</summary>
public enum Stance
{
    /// <summary>The actor says the claim is true.</summary>
    Asserts = 1,

    /// <summary>The actor says the claim is false.</summary>
    Denies,
}

/// <summary>The kinds of statement an actor can make about a claim.</summary>
public enum StatementKind
{
    /// <summary>Says the claim is true (includes claiming responsibility, blaming, confirming).</summary>
    Assertion = 1,

    /// <summary>Says the claim is false.</summary>
    Denial,

    /// <summary>Withdraws the actor's own earlier statement.</summary>
    Retraction,

    /// <summary>Announces an investigation of the claim.</summary>
    InvestigationOpened,

    /// <summary>Concludes an investigation, with a finding.</summary>
    InvestigationConcluded,

    /// <summary>A reaction with no truth stance (condemns, threatens, warns, distances, supports).</summary>
    Reaction,

    /// <summary>Presents evidence such as footage or documents.</summary>
    Evidence,
}

/// <summary>The kinds of reaction; none of them takes a stance on the claim's truth.</summary>
public enum ReactionKind
{
    /// <summary>Condemns what the claim describes.</summary>
    Condemns = 1,

    /// <summary>Threatens a response.</summary>
    Threatens,

    /// <summary>Warns of consequences.</summary>
    Warns,

    /// <summary>Distances itself from it.</summary>
    Distances,

    /// <summary>Expresses support.</summary>
    Supports,
}

/// <summary>What kind of evidence was presented.</summary>
public enum EvidenceKind
{
    /// <summary>Video footage.</summary>
    Footage = 1,

    /// <summary>Photographs.</summary>
    Photo,

    /// <summary>Documents.</summary>
    Document,

    /// <summary>Audio recordings.</summary>
    Audio,

    /// <summary>Data, such as flight tracks or satellite imagery.</summary>
    Data,

    /// <summary>A witness account.</summary>
    Testimony,

    /// <summary>Anything else; the description says what.</summary>
    Other,
}

/// <summary>The outcome of a concluded investigation.</summary>
public enum FindingOutcome
{
    /// <summary>The investigation found the claim supported.</summary>
    Supported = 1,

    /// <summary>The investigation found the claim refuted.</summary>
    Refuted,

    /// <summary>The investigation could not settle the claim.</summary>
    Inconclusive,

    /// <summary>Another outcome, described in free text.</summary>
    Other,
}
