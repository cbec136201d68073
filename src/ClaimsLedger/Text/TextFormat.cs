using System.Globalization;
using ClaimsLedger.Events;
using ClaimsLedger.Views;

namespace ClaimsLedger.Text;

/// <summary>Shared wording for the text renderings, so every view speaks the same way.</summary>
internal static class TextFormat
{
    public static string Point(DateTimeOffset instant)
    {
        var utc = instant.UtcDateTime;
        return utc.TimeOfDay == TimeSpan.Zero
            ? "end of " + utc.AddDays(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
            : utc.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + " UTC";
    }

    public static string Header(string title, AsOf asOf)
    {
        var inclusion = asOf.Inclusion == SaidInclusion.PossiblySaid ? "possibly said" : "certainly said";
        return $"{title} — {inclusion} by {Point(asOf.Said)}, as recorded by {Point(asOf.Recorded)}";
    }

    public static string Actor(ActorSummary actor)
    {
        var name = actor.Anonymous ? actor.Name + " (anonymous)" : actor.Name;
        return actor.Affiliations.Count == 0 ? name : $"{name}, {string.Join(", ", actor.Affiliations)}";
    }

    public static string Provenance(Provenance provenance)
    {
        var source = provenance.Source;
        var via = provenance.Via.Count == 0
            ? string.Empty
            : "via " + string.Join(" → ", provenance.Via.Select(v => v.Name)) + ", ";
        var published = source.Published is { } date ? $" of {date}" : string.Empty;
        return $"{via}in {source.Publisher}{published} [{source.Id}]";
    }

    public static string Quote(string? quote) => quote is null ? string.Empty : $" “{quote}”";

    public static string Word<T>(T value)
        where T : struct, Enum => Interchange.Kebab.Name(value);

    public static string Corrected(bool corrected) => corrected ? " [corrected]" : string.Empty;
}
