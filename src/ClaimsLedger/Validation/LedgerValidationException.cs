namespace ClaimsLedger;

/// <summary>A batch was rejected as bad input; nothing of it was recorded.</summary>
/// <remarks><see cref="Errors"/> lists every problem found, not only the first.</remarks>
public sealed class LedgerValidationException : LedgerException
{
    private const int ErrorsInMessage = 20;

    /// <summary>Creates the exception from the errors found.</summary>
    public LedgerValidationException(IReadOnlyList<LedgerError> errors)
        : base(Describe(errors))
    {
        Errors = errors;
    }

    /// <summary>Every error found, in batch order.</summary>
    public IReadOnlyList<LedgerError> Errors { get; }

    private static string Describe(IReadOnlyList<LedgerError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var lines = errors.Take(ErrorsInMessage).Select(e => "  " + e);
        var more = errors.Count > ErrorsInMessage ? $"\n  ... and {errors.Count - ErrorsInMessage} more" : string.Empty;
        var noun = errors.Count == 1 ? "error" : "errors";
        return $"rejected, nothing was recorded ({errors.Count} {noun}):\n{string.Join("\n", lines)}{more}";
    }
}
