namespace ClaimsLedger;

/// <summary>Thrown when stored or supplied JSON is not a valid ledger event or value.</summary>
public sealed class LedgerFormatException : LedgerException
{
    /// <summary>Creates the exception for a field of a JSON document.</summary>
    /// <param name="field">JSON path of the offending field, e.g. <c>changes.claim</c>; empty for the document.</param>
    /// <param name="message">What is wrong.</param>
    /// <param name="innerException">The parser's own error, if any.</param>
    public LedgerFormatException(string field, string message, Exception? innerException = null)
        : base(string.IsNullOrEmpty(field) ? message : $"{field}: {message}", innerException)
    {
        Field = field;
        Reason = message;
    }

    /// <summary>JSON path of the offending field; empty when the document as a whole is bad.</summary>
    public string Field { get; }

    /// <summary>What is wrong, without the field prefix.</summary>
    public string Reason { get; }
}
