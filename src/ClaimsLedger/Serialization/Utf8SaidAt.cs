namespace ClaimsLedger.Serialization;

/// <summary>
/// Parses the canonical <see cref="SaidAt"/> forms straight from UTF-8 bytes, so decoding a statement needs neither
/// a string for its saidAt nor the culture-aware date parser (most of the ~130 ns a <see cref="SaidAt.Parse"/>
/// takes).
/// </summary>
/// <remarks>
/// Only the forms <see cref="SaidAtText.Format"/> writes are recognised, and only with values the text parser
/// certainly accepts; everything else (offsets, fractions of a second, the year 9999, out-of-range fields) returns
/// false so that the caller parses the text with <see cref="SaidAt.TryParse(string?, out SaidAt, out string)"/>,
/// the one definition of what a saidAt is.
/// </remarks>
internal static class Utf8SaidAt
{
    private const int LastYear = 9998;

    public static bool TryParse(ReadOnlySpan<byte> text, out SaidAt value)
    {
        value = default;
        switch (text.Length)
        {
            case 4 when TryNumber(text, out var year) && year is >= 1 and <= LastYear:
                value = SaidAt.Year(year);
                return true;
            case 7 when TryYearMonth(text, out var year, out var month):
                value = SaidAt.Month(year, month);
                return true;
            case 10 when TryDay(text, out var day):
                value = SaidAt.Day(day);
                return true;
            case 21 when text[10] == '/' && TryDay(text[..10], out var first) && TryDay(text[11..], out var last)
                && last >= first:
                value = SaidAt.Range(first, last);
                return true;
            case 17 or 20 when TryInstant(text, out var instant):
                value = SaidAt.Instant(instant);
                return true;
            default:
                return false;
        }
    }

    private static bool TryYearMonth(ReadOnlySpan<byte> text, out int year, out int month)
    {
        month = 0;
        return TryNumber(text[..4], out year) && year is >= 1 and <= LastYear
            && text[4] == '-' && TryNumber(text.Slice(5, 2), out month) && month is >= 1 and <= 12;
    }

    private static bool TryDay(ReadOnlySpan<byte> text, out DateOnly day)
    {
        day = default;
        if (!TryYearMonth(text[..7], out var year, out var month) || text[7] != '-'
            || !TryNumber(text.Slice(8, 2), out var dayOfMonth)
            || dayOfMonth < 1 || dayOfMonth > DateTime.DaysInMonth(year, month))
        {
            return false;
        }

        day = new DateOnly(year, month, dayOfMonth);
        return true;
    }

    /// <summary><c>yyyy-MM-ddTHH:mmZ</c> or <c>yyyy-MM-ddTHH:mm:ssZ</c>.</summary>
    private static bool TryInstant(ReadOnlySpan<byte> text, out DateTimeOffset instant)
    {
        instant = default;
        var second = 0;
        if (!TryDay(text[..10], out var day) || text[10] != 'T' || text[^1] != 'Z'
            || !TryNumber(text.Slice(11, 2), out var hour) || hour > 23
            || text[13] != ':' || !TryNumber(text.Slice(14, 2), out var minute) || minute > 59
            || (text.Length == 20 && (text[16] != ':' || !TryNumber(text.Slice(17, 2), out second) || second > 59)))
        {
            return false;
        }

        instant = new DateTimeOffset(day.Year, day.Month, day.Day, hour, minute, second, TimeSpan.Zero);
        return true;
    }

    private static bool TryNumber(ReadOnlySpan<byte> digits, out int value)
    {
        value = 0;
        foreach (var digit in digits)
        {
            if (digit is < (byte)'0' or > (byte)'9')
            {
                return false;
            }

            value = (value * 10) + (digit - '0');
        }

        return true;
    }
}
