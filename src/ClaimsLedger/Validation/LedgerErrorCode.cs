namespace ClaimsLedger;

/// <summary>Why the ledger rejected an event; stable, so callers can switch on it.</summary>
public enum LedgerErrorCode
{
    /// <summary>A required field is missing or empty.</summary>
    MissingField = 1,

    /// <summary>A field has a value outside what it accepts (an unknown enum value, a bad URL ...).</summary>
    InvalidValue,

    /// <summary>The claim id was never registered.</summary>
    UnknownClaim,

    /// <summary>The actor id was never registered.</summary>
    UnknownActor,

    /// <summary>The source id was never registered.</summary>
    UnknownSource,

    /// <summary>The statement id was never recorded.</summary>
    UnknownStatement,

    /// <summary>The id is already recorded with different content.</summary>
    DuplicateId,

    /// <summary>saidAt starts after the moment of recording: a statement cannot be recorded before it is made.</summary>
    SaidAfterRecorded,

    /// <summary>A retraction targets another actor's statement, another claim's statement, a statement that cannot be
    /// retracted, or starts before its target.</summary>
    InvalidRetraction,

    /// <summary>A conclusion targets an investigation that was never opened or is already concluded.</summary>
    InvalidConclusion,

    /// <summary>An amendment changes nothing, a field that cannot be amended, or a struck statement.</summary>
    InvalidAmendment,

    /// <summary>The statement is already struck.</summary>
    AlreadyStruck,

    /// <summary>A certainty was given for a statement that takes no stance (only assertions and denials have one).</summary>
    CertaintyWithoutStance,

    /// <summary>An affiliation refers to itself, or an affiliation that is not open is ended.</summary>
    InvalidAffiliation,

    /// <summary>A claim is linked to itself.</summary>
    InvalidLink,

    /// <summary>An export being restored disagrees with what the ledger already holds at the same place.</summary>
    ConflictingHistory,
}
