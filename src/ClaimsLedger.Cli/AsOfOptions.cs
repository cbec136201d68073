using System.CommandLine;

namespace ClaimsLedger.Cli;

/// <summary>
/// The as-of options every view takes: <c>--as-of</c> (said time T), <c>--recorded-as-of</c> (recorded time R),
/// both "now" when absent, and <c>--possibly</c> to count statements only possibly said by T.
/// </summary>
internal sealed class AsOfOptions
{
    public Option<string?> Said { get; } = new("--as-of")
    {
        Description = "Said time T: a date (end of that day, UTC), a date with an offset, or an instant; default now",
    };

    public Option<string?> Recorded { get; } = new("--recorded-as-of")
    {
        Description = "Recorded time R: what the ledger held then; same forms as --as-of; default now",
    };

    public Option<bool> Possibly { get; } = new("--possibly")
    {
        Description = "Also count statements only possibly said by T (imprecise dates that start by T)",
    };

    public void AddTo(Command command)
    {
        command.Options.Add(Said);
        command.Options.Add(Recorded);
        command.Options.Add(Possibly);
    }

    /// <exception cref="FormatException">A point is not valid; the message names the option.</exception>
    public AsOf Read(ParseResult result, TimeProvider clock)
    {
        var now = clock.GetUtcNow();
        var asOf = new AsOf(Point(result.GetValue(Said), "--as-of") ?? now, Point(result.GetValue(Recorded), "--recorded-as-of") ?? now,
            result.GetValue(Possibly) ? SaidInclusion.PossiblySaid : SaidInclusion.CertainlySaid);
        return asOf;
    }

    /// <summary>
    /// The start of a range of said time (<c>timeline --from</c>): a date is the start of that day (its as-of point, the
    /// end of the day, less a day), so "from 22 May" includes what was said on 22 May; an instant is used as given.
    /// </summary>
    /// <exception cref="FormatException">The text is not a valid point; the message names the option.</exception>
    public static DateTimeOffset? StartPoint(string? text, string option) =>
        Point(text, option) is not { } point ? null
        : text!.Contains('T', StringComparison.Ordinal) ? point
        : point.AddDays(-1);

    /// <exception cref="FormatException">The text is not a valid point; the message names the option.</exception>
    public static DateTimeOffset? Point(string? text, string option)
    {
        if (text is null)
        {
            return null;
        }

        return AsOf.TryParsePoint(text, out var point)
            ? point
            : throw new FormatException($"{option}: '{text}' is not a date (2023-05-24), a date with an offset " +
                                        "(2023-05-24+03:00) or an instant (2023-05-24T18:00Z)");
    }
}
