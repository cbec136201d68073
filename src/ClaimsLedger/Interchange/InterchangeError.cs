namespace ClaimsLedger.Interchange;

/// <summary>One problem found in an interchange file: which line, which field, and why.</summary>
/// <param name="Line">1-based line number.</param>
/// <param name="Field">The offending field (JSON path within the line), or empty for the line as a whole.</param>
/// <param name="Message">What is wrong, naming the offending id or value.</param>
public sealed record InterchangeError(long Line, string Field, string Message)
{
    /// <inheritdoc/>
    public override string ToString() =>
        Field.Length == 0 ? $"line {Line}: {Message}" : $"line {Line}: {Field}: {Message}";
}
