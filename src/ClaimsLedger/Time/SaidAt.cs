namespace ClaimsLedger;

/// <summary>
/// When an actor made a statement (valid time): a half-open interval [<see cref="Start"/>, <see cref="End"/>)
/// with a precision, never a fake exact instant.
/// </summary>
/// <remarks>
/// <para>Forms (all UTC): instant <c>2023-05-22T14:30Z</c> (seconds and fractions when present),
/// day <c>2023-05-22</c>, month <c>2023-05</c>, year <c>2023</c>, range of whole days
/// <c>2023-05-22/2023-05-26</c> which covers [05-22, 05-27).</para>
/// <para>An instant written with an offset (<c>2023-05-22T17:30+03:00</c>) is normalised to UTC, so its
/// canonical form ends in <c>Z</c>. <see cref="ToString"/> prints the canonical form and
/// <see cref="Parse"/> of that form gives back an equal value.</para>
/// </remarks>
public readonly record struct SaidAt : IComparable<SaidAt>
{
    // UTC ticks rather than two DateTimeOffsets: every statement the index holds carries one, and 24 bytes instead
    // of 40 is 16 MB on a million statements. Both ends are always UTC, so nothing is lost.
    private readonly long _start;
    private readonly long _end;

    private SaidAt(SaidAtPrecision precision, DateTimeOffset start, DateTimeOffset end)
    {
        Precision = precision;
        _start = start.UtcTicks;
        _end = end.UtcTicks;
    }

    /// <summary>How precisely the time is known; <c>0</c> only for <c>default</c>.</summary>
    public SaidAtPrecision Precision { get; }

    /// <summary>Inclusive start of the interval, in UTC.</summary>
    public DateTimeOffset Start => new(_start, TimeSpan.Zero);

    /// <summary>Exclusive end of the interval, in UTC; equal to <see cref="Start"/> for an instant.</summary>
    public DateTimeOffset End => new(_end, TimeSpan.Zero);

    /// <summary>The start in UTC ticks, for comparisons that need no <see cref="DateTimeOffset"/>.</summary>
    internal long StartTicks => _start;

    /// <summary>The end in UTC ticks.</summary>
    internal long EndTicks => _end;

    /// <summary>True for <c>default</c>, which is not a valid time and marks a missing value.</summary>
    public bool IsDefault => Precision == 0;

    /// <summary>An exact instant; converted to UTC.</summary>
    public static SaidAt Instant(DateTimeOffset instant)
    {
        var utc = instant.ToUniversalTime();
        return new SaidAt(SaidAtPrecision.Instant, utc, utc);
    }

    /// <summary>A whole UTC day.</summary>
    public static SaidAt Day(DateOnly day) =>
        new(SaidAtPrecision.Day, StartOfDay(day), StartOfDay(day).AddDays(1));

    /// <summary>A whole UTC day.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Not a calendar date.</exception>
    public static SaidAt Day(int year, int month, int day) => Day(new DateOnly(year, month, day));

    /// <summary>A whole month.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Not a calendar month.</exception>
    public static SaidAt Month(int year, int month)
    {
        var start = StartOfDay(new DateOnly(year, month, 1));
        return new SaidAt(SaidAtPrecision.Month, start, start.AddMonths(1));
    }

    /// <summary>A whole year.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Year outside 1-9998.</exception>
    public static SaidAt Year(int year)
    {
        if (year is < 1 or > 9998)
        {
            throw new ArgumentOutOfRangeException(nameof(year), year, "year must be between 1 and 9998");
        }

        var start = StartOfDay(new DateOnly(year, 1, 1));
        return new SaidAt(SaidAtPrecision.Year, start, start.AddYears(1));
    }

    /// <summary>A range of whole days, both ends included: [first 00:00Z, last + 1 day 00:00Z).</summary>
    /// <exception cref="ArgumentException"><paramref name="last"/> is before <paramref name="first"/>.</exception>
    public static SaidAt Range(DateOnly first, DateOnly last)
    {
        if (last < first)
        {
            throw new ArgumentException(
                $"range end {last:yyyy-MM-dd} is before its start {first:yyyy-MM-dd}", nameof(last));
        }

        return new SaidAt(SaidAtPrecision.Range, StartOfDay(first), StartOfDay(last).AddDays(1));
    }

    /// <summary>Parses a canonical or offset form (see remarks on <see cref="SaidAt"/>).</summary>
    /// <exception cref="FormatException">The text is not one of the accepted forms; the message says why.</exception>
    public static SaidAt Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return TryParse(text, out var value, out var error)
            ? value
            : throw new FormatException($"'{text}' is not a valid saidAt: {error}");
    }

    /// <summary>Parses without throwing; false for text that is not an accepted form.</summary>
    public static bool TryParse(string? text, out SaidAt value) => TryParse(text, out value, out _);

    /// <summary>Parses without throwing, giving the reason when the text is rejected.</summary>
    public static bool TryParse(string? text, out SaidAt value, out string error) =>
        SaidAtText.TryParse(text, out value, out error);

    /// <summary>Orders by start, then end (the first two keys of the ledger's statement order).</summary>
    public int CompareTo(SaidAt other)
    {
        var byStart = _start.CompareTo(other._start);
        return byStart != 0 ? byStart : _end.CompareTo(other._end);
    }

    /// <summary>The canonical text form, e.g. <c>2023-05-22</c> or <c>2023-05-22T14:30Z</c>.</summary>
    public override string ToString() => SaidAtText.Format(this);

    internal static DateTimeOffset StartOfDay(DateOnly day) =>
        new(day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc), TimeSpan.Zero);

    internal static SaidAt FromParts(SaidAtPrecision precision, DateTimeOffset start, DateTimeOffset end) =>
        new(precision, start, end);

    /// <summary>A saidAt from the ends <see cref="StartTicks"/> and <see cref="EndTicks"/> gave, as the index keeps them.</summary>
    internal static SaidAt FromTicks(SaidAtPrecision precision, long start, long end) =>
        new(precision, new DateTimeOffset(start, TimeSpan.Zero), new DateTimeOffset(end, TimeSpan.Zero));
}
