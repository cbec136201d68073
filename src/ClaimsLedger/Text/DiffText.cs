using System.Text;
using ClaimsLedger.Views;
using static ClaimsLedger.Text.TextFormat;

namespace ClaimsLedger.Text;

/// <summary>Renders a diff between two as-of points.</summary>
internal static class DiffText
{
    public static string Render(LedgerDiff diff)
    {
        var text = new StringBuilder();
        text.Append(Header("Changes from", diff.From)).Append('\n');
        text.Append(Header("          to", diff.To)).Append('\n');
        if (diff.IsEmpty)
        {
            text.Append("\n(no changes)\n");
        }

        foreach (var claim in diff.Claims)
        {
            text.Append("\n■ ").Append(claim.Claim.Text).Append("  [").Append(claim.Claim.Id).Append("]\n");
            if (claim.ContestedBefore != claim.ContestedAfter)
            {
                text.Append(claim.ContestedAfter ? "  now CONTESTED\n" : "  no longer contested\n");
            }

            foreach (var change in claim.Positions)
            {
                var what = change.Change switch
                {
                    ChangeKind.Added => Describe(change.After!),
                    ChangeKind.Removed => $"was {Describe(change.Before!)} ({Word(change.Reason!.Value)})",
                    _ => $"{Describe(change.Before!)} → {Describe(change.After!)}",
                };
                text.Append("  ").Append(Word(change.Change).PadRight(8)).Append(Actor(change.Actor)).Append(": ")
                    .Append(what).Append('\n');
            }

            foreach (var change in claim.Investigations)
            {
                var state = change.After ?? change.Before!;
                text.Append("  ").Append(Word(change.Change).PadRight(8)).Append("investigation by ")
                    .Append(Actor(state.Opening.Actor)).Append(": ")
                    .Append(change.After is null ? "no longer counts" : Word(change.After.Status))
                    .Append(change.After?.Finding is { } finding ? $", finding {Word(finding.Outcome)}" : string.Empty)
                    .Append('\n');
            }
        }

        if (diff.Corrections.Count > 0)
        {
            text.Append("\nCorrections recorded\n");
            foreach (var correction in diff.Corrections)
            {
                text.Append("  ").Append(Point(correction.RecordedAt)).Append("  ").Append(Word(correction.Kind))
                    .Append(" of ").Append(correction.Statement).Append(": ").Append(correction.Reason).Append('\n');
            }
        }

        return text.ToString();
    }

    private static string Describe(PositionView position) =>
        $"{Word(position.Stance)} ({Word(position.Certainty)}, {position.SaidAt}, statement {position.Statement})";
}
