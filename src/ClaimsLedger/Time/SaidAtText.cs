using System.Globalization;

namespace ClaimsLedger;

/// <summary>Text forms of <see cref="SaidAt"/>: one parser and one printer so they cannot drift apart.</summary>
internal static class SaidAtText
{
    private static readonly string[] InstantFormats =
    [
        "yyyy-MM-dd'T'HH:mmzzz",
        "yyyy-MM-dd'T'HH:mm:sszzz",
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz",
    ];

    /// <summary>The longest text <see cref="TryFormat"/> writes (an instant with seven fraction digits).</summary>
    public const int MaxLength = 32;

    public static string Format(SaidAt value)
    {
        Span<char> text = stackalloc char[MaxLength];
        var written = TryFormat(value, text);
        return written == 0 ? string.Empty : new string(text[..written]);
    }

    /// <summary>
    /// Writes the text form into <paramref name="destination"/> (at least <see cref="MaxLength"/> long) without
    /// allocating: the encoder writes a saidAt for every statement it stores.
    /// </summary>
    /// <returns>The characters written; 0 for the default value.</returns>
    public static int TryFormat(SaidAt value, Span<char> destination)
    {
        var start = value.Start.UtcDateTime;
        switch (value.Precision)
        {
            case SaidAtPrecision.Instant:
                var format = (start.Ticks % TimeSpan.TicksPerMinute) == 0 ? "yyyy-MM-dd'T'HH:mm"
                    : (start.Ticks % TimeSpan.TicksPerSecond) == 0 ? "yyyy-MM-dd'T'HH:mm:ss"
                    : "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF";
                var length = Write(start, destination, format);
                destination[length] = 'Z';
                return length + 1;
            case SaidAtPrecision.Day:
                return Write(start, destination, "yyyy-MM-dd");
            case SaidAtPrecision.Month:
                return Write(start, destination, "yyyy-MM");
            case SaidAtPrecision.Year:
                return Write(start, destination, "yyyy");
            case SaidAtPrecision.Range:
                var first = Write(start, destination, "yyyy-MM-dd");
                destination[first] = '/';
                return first + 1 + Write(value.End.UtcDateTime.AddDays(-1), destination[(first + 1)..], "yyyy-MM-dd");
            default:
                return 0;
        }
    }

    private static int Write(DateTime utc, Span<char> destination, string format) =>
        utc.TryFormat(destination, out var written, format, CultureInfo.InvariantCulture)
            ? written
            : throw new ArgumentException($"{MaxLength} characters are too few for {utc:O} in the form {format}",
                nameof(destination));

    public static bool TryParse(string? text, out SaidAt value, out string error)
    {
        value = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            error = "it is empty";
            return false;
        }

        if (text.Trim() != text)
        {
            error = "it has leading or trailing white space";
            return false;
        }

        var slash = text.IndexOf('/', StringComparison.Ordinal);
        if (slash >= 0)
        {
            return TryParseRange(text[..slash], text[(slash + 1)..], out value, out error);
        }

        if (text.Contains('T', StringComparison.Ordinal))
        {
            return TryParseInstant(text, out value, out error);
        }

        switch (text.Length)
        {
            case 4 when TryYear(text, out var year):
                value = SaidAt.Year(year);
                error = string.Empty;
                return true;
            case 7 when DateOnly.TryParseExact(text + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture,
                DateTimeStyles.None, out var month):
                value = SaidAt.Month(month.Year, month.Month);
                error = string.Empty;
                return true;
            case 10 when TryDay(text, out var day):
                value = SaidAt.Day(day);
                error = string.Empty;
                return true;
            default:
                error = "expected yyyy, yyyy-MM, yyyy-MM-dd, yyyy-MM-dd/yyyy-MM-dd or an instant such as 2023-05-22T14:30Z";
                return false;
        }
    }

    private static bool TryParseRange(string first, string last, out SaidAt value, out string error)
    {
        value = default;
        if (!TryDay(first, out var from) || !TryDay(last, out var to))
        {
            error = "a range must be two whole days, yyyy-MM-dd/yyyy-MM-dd";
            return false;
        }

        if (to < from)
        {
            error = $"the range ends ({last}) before it starts ({first})";
            return false;
        }

        value = SaidAt.Range(from, to);
        error = string.Empty;
        return true;
    }

    private static bool TryParseInstant(string text, out SaidAt value, out string error)
    {
        value = default;
        var zoned = text.EndsWith('Z') ? text[..^1] + "+00:00" : text;
        if (!DateTimeOffset.TryParseExact(zoned, InstantFormats, CultureInfo.InvariantCulture,
                DateTimeStyles.None, out var instant))
        {
            error = "an instant must be yyyy-MM-ddTHH:mm[:ss[.fffffff]] followed by Z or an offset such as +03:00";
            return false;
        }

        value = SaidAt.Instant(instant);
        error = string.Empty;
        return true;
    }

    private static bool TryYear(string text, out int year) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out year) && year is >= 1 and <= 9998;

    private static bool TryDay(string text, out DateOnly day) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out day)
        && day.Year <= 9998;
}
