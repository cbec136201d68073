using System.Globalization;

namespace ClaimsLedger;

/// <summary>
/// The point a view is asked for, on both time axes: <see cref="Said"/> (T, valid time: what had been said by
/// then) and <see cref="Recorded"/> (R, transaction time: what the ledger held then).
/// </summary>
/// <remarks>
/// <para>A statement counts iff its recordedAt ≤ R and its saidAt interval [start, end) satisfies end ≤ T
/// (certainly said, the default) or start ≤ T (possibly said, see <see cref="Inclusion"/>). Both bounds are
/// inclusive instants. Corrections count iff recorded at or before R.</para>
/// <para>"As of a date" means the end of that day: the next day at 00:00 (UTC unless an offset is given);
/// see <see cref="EndOfDay(DateOnly)"/> and <see cref="ParsePoint"/>.</para>
/// <para>There is no implicit default: <c>default(AsOf)</c> is the year-1 origin, before anything was
/// recorded. Use <see cref="Now"/> for "now" on both axes.</para>
/// </remarks>
public readonly record struct AsOf
{
    /// <summary>Creates an as-of point from explicit bounds.</summary>
    /// <param name="said">T: statements said by this instant count.</param>
    /// <param name="recorded">R: events recorded at or before this instant count.</param>
    /// <param name="inclusion">Whether statements only possibly said by T count too.</param>
    public AsOf(DateTimeOffset said, DateTimeOffset recorded, SaidInclusion inclusion)
    {
        if (!Enum.IsDefined(inclusion))
        {
            throw new ArgumentOutOfRangeException(nameof(inclusion), inclusion, "unknown said inclusion");
        }

        Said = said.ToUniversalTime();
        Recorded = recorded.ToUniversalTime();
        Inclusion = inclusion;
    }

    /// <summary>T, the said-time bound (UTC).</summary>
    public DateTimeOffset Said { get; }

    /// <summary>R, the recorded-time bound (UTC), inclusive.</summary>
    public DateTimeOffset Recorded { get; }

    /// <summary>Whether a statement must be certainly or only possibly said by <see cref="Said"/>.</summary>
    public SaidInclusion Inclusion { get; }

    /// <summary>Now on both axes, from <paramref name="clock"/>; certainly-said inclusion.</summary>
    public static AsOf Now(TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        var now = clock.GetUtcNow();
        return new AsOf(now, now, SaidInclusion.CertainlySaid);
    }

    /// <summary>Both bounds at the same instant, certainly-said inclusion.</summary>
    public static AsOf At(DateTimeOffset instant) => new(instant, instant, SaidInclusion.CertainlySaid);

    /// <summary>The same point with another said-time bound T.</summary>
    public AsOf WithSaid(DateTimeOffset said) => new(said, Recorded, Inclusion);

    /// <summary>The same point with another recorded-time bound R.</summary>
    public AsOf WithRecorded(DateTimeOffset recorded) => new(Said, recorded, Inclusion);

    /// <summary>The same point, also counting statements possibly said by T.</summary>
    public AsOf WithPossiblySaid() => new(Said, Recorded, SaidInclusion.PossiblySaid);

    /// <summary>The same point with the given inclusion rule.</summary>
    public AsOf WithInclusion(SaidInclusion inclusion) => new(Said, Recorded, inclusion);

    /// <summary>True when a statement with this saidAt counts under the said-time bound.</summary>
    public bool CountsSaid(SaidAt saidAt) =>
        Inclusion == SaidInclusion.PossiblySaid ? saidAt.Start <= Said : saidAt.End <= Said;

    /// <summary>The instant "as of" a UTC date means: the next day at 00:00Z.</summary>
    public static DateTimeOffset EndOfDay(DateOnly date) => EndOfDay(date, TimeSpan.Zero);

    /// <summary>The instant "as of" a date at an offset means: the next day at 00:00 at that offset.</summary>
    public static DateTimeOffset EndOfDay(DateOnly date, TimeSpan offset) =>
        new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), offset).AddDays(1);

    /// <summary>
    /// Parses a point in time for an as-of bound: a date <c>2023-05-24</c> (end of that UTC day), a date with an
    /// offset <c>2023-05-24+03:00</c> (end of that day at that offset), or an instant <c>2023-05-24T18:00Z</c>
    /// (used as given).
    /// </summary>
    /// <exception cref="FormatException">Not one of those forms.</exception>
    public static DateTimeOffset ParsePoint(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (TryParsePoint(text, out var point))
        {
            return point;
        }

        throw new FormatException(
            $"'{text}' is not a valid as-of point: expected a date (2023-05-24), a date with an offset " +
            "(2023-05-24+03:00) or an instant (2023-05-24T18:00Z)");
    }

    /// <summary>Parses like <see cref="ParsePoint"/> without throwing.</summary>
    public static bool TryParsePoint(string? text, out DateTimeOffset point)
    {
        point = default;
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }

        if (text.Length == 10 && DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture,
                DateTimeStyles.None, out var date))
        {
            point = EndOfDay(date);
            return true;
        }

        if (text.Length == 16 && DateOnly.TryParseExact(text[..10], "yyyy-MM-dd", CultureInfo.InvariantCulture,
                DateTimeStyles.None, out date) && TryOffset(text[10..], out var offset))
        {
            point = EndOfDay(date, offset);
            return true;
        }

        if (SaidAt.TryParse(text, out var instant) && instant.Precision == SaidAtPrecision.Instant)
        {
            point = instant.Start;
            return true;
        }

        return false;
    }

    /// <inheritdoc/>
    public override string ToString()
    {
        var said = Said.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);
        var recorded = Recorded.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);
        var possibly = Inclusion == SaidInclusion.PossiblySaid ? " (possibly said)" : string.Empty;
        return $"said {said}{possibly}, recorded {recorded}";
    }

    private static bool TryOffset(string text, out TimeSpan offset)
    {
        offset = default;
        if (text.Length != 6 || text[0] is not ('+' or '-'))
        {
            return false;
        }

        if (!TimeSpan.TryParseExact(text[1..], "hh\\:mm", CultureInfo.InvariantCulture, out var magnitude)
            || magnitude > TimeSpan.FromHours(14))
        {
            return false;
        }

        offset = text[0] == '-' ? -magnitude : magnitude;
        return true;
    }
}
