using System.Text;
using ClaimsLedger.Views;
using static ClaimsLedger.Text.TextFormat;

namespace ClaimsLedger.Text;

/// <summary>Renders a timeline, one statement per line.</summary>
internal static class TimelineText
{
    public static string Render(Timeline timeline)
    {
        var text = new StringBuilder();
        text.Append(Header("Timeline", timeline.AsOf)).Append('\n');
        foreach (var entry in timeline.Entries)
        {
            var statement = entry.Statement;
            var what = entry.Stance is { } stance
                ? $"{Word(stance)} ({Word(entry.Certainty!.Value)})"
                : Word(statement.Kind);
            text.Append(statement.SaidAt.ToString().PadRight(22)).Append(Actor(statement.Actor)).Append(' ')
                .Append(what).Append(": ").Append(entry.Claim.Text)
                .Append(entry.Finding is { } finding ? $" — finding: {Word(finding.Outcome)}" : string.Empty)
                .Append(Quote(statement.Quote))
                .Append(entry.RetractedBy is { } by ? $" [retracted by {by}]" : string.Empty)
                .Append(entry.Corrections.Count > 0 ? $" [corrected by {string.Join(", ", entry.Corrections)}]" : string.Empty)
                .Append("  {").Append(statement.Statement).Append("}\n");
        }

        return text.ToString();
    }
}
