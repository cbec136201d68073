namespace ClaimsLedger;

/// <summary>Thrown when a string is used as a ledger id but is missing or not a valid slug.</summary>
public sealed class InvalidIdException : LedgerException
{
    /// <summary>Creates the exception for an id of the given kind.</summary>
    public InvalidIdException(string kind, string? value, string message)
        : base(message)
    {
        Kind = kind;
        Value = value;
    }

    /// <summary>Which kind of id was expected: claim, actor, source, statement or correction.</summary>
    public string Kind { get; }

    /// <summary>The rejected value (null when it was missing).</summary>
    public string? Value { get; }
}
