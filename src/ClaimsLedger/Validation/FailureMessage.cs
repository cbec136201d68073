using System.Runtime.CompilerServices;

namespace ClaimsLedger.Validation;

/// <summary>
/// The message of a check, formatted only when the check fails: the interpolated arguments of a passing check are
/// never evaluated, so validating a valid batch formats no strings.
/// </summary>
[InterpolatedStringHandler]
internal ref struct FailureMessage
{
    private DefaultInterpolatedStringHandler _text;
    private readonly bool _failed;

    /// <summary>Called by the compiler with the check's condition; appends are skipped when it holds.</summary>
    public FailureMessage(int literalLength, int formattedCount, bool condition, out bool shouldAppend)
    {
        _failed = !condition;
        shouldAppend = _failed;
        _text = _failed ? new DefaultInterpolatedStringHandler(literalLength, formattedCount) : default;
    }

    public void AppendLiteral(string value) => _text.AppendLiteral(value);

    public void AppendFormatted<T>(T value) => _text.AppendFormatted(value);

    public void AppendFormatted<T>(T value, string? format) => _text.AppendFormatted(value, format);

    public string ToStringAndClear() => _failed ? _text.ToStringAndClear() : string.Empty;
}
