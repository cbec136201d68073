using System.Text;
using ClaimsLedger.Views;
using static ClaimsLedger.Text.TextFormat;

namespace ClaimsLedger.Text;

/// <summary>Renders one actor's positions.</summary>
internal static class ActorText
{
    public static string Render(ActorPositions view)
    {
        var text = new StringBuilder();
        text.Append(Header(Actor(view.Actor), view.AsOf)).Append('\n');
        foreach (var affiliation in view.Affiliations)
        {
            text.Append("  member of ").Append(affiliation.Organisation.Name)
                .Append(affiliation.Role is { } role ? $" ({role})" : string.Empty)
                .Append(" since ").Append(affiliation.Since).Append('\n');
        }

        if (view.Positions.Count == 0)
        {
            text.Append("  (no position at this point)\n");
        }

        foreach (var item in view.Positions)
        {
            var position = item.Position;
            text.Append("  ").Append(Word(position.Stance).PadRight(8)).Append(Word(position.Certainty).PadRight(9))
                .Append(item.Claim.Text).Append("  [").Append(item.Claim.Id).Append(']')
                .Append(item.Contested ? " (contested)" : string.Empty).Append('\n')
                .Append("                   ").Append(position.SaidAt).Append(Quote(position.Quote))
                .Append(Corrected(position.Corrected)).Append("; ").Append(Provenance(position.Provenance)).Append('\n');
        }

        return text.ToString();
    }
}
