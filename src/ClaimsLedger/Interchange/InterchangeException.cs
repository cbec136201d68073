namespace ClaimsLedger.Interchange;

/// <summary>An interchange file was rejected; nothing of it was recorded.</summary>
/// <remarks><see cref="Errors"/> lists the problems found, up to the importer's limit.</remarks>
public sealed class InterchangeException : LedgerException
{
    private const int ErrorsInMessage = 20;

    /// <summary>Creates the exception from the errors found.</summary>
    /// <param name="errors">The errors, in line order.</param>
    /// <param name="truncated">True when more errors exist than were collected.</param>
    public InterchangeException(IReadOnlyList<InterchangeError> errors, bool truncated)
        : base(Describe(errors, truncated))
    {
        Errors = errors;
        Truncated = truncated;
    }

    /// <summary>The errors found, in line order, up to the limit.</summary>
    public IReadOnlyList<InterchangeError> Errors { get; }

    /// <summary>True when the file has more errors than <see cref="Errors"/> lists.</summary>
    public bool Truncated { get; }

    private static string Describe(IReadOnlyList<InterchangeError> errors, bool truncated)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var lines = errors.Take(ErrorsInMessage).Select(e => "  " + e);
        var more = errors.Count > ErrorsInMessage || truncated
            ? $"\n  ... and more (listed: {errors.Count}{(truncated ? ", stopped at the limit" : string.Empty)})"
            : string.Empty;
        return $"the file was rejected and nothing was recorded:\n{string.Join("\n", lines)}{more}";
    }
}
