using System.Text;
using ClaimsLedger.Events;
using ClaimsLedger.Views;
using static ClaimsLedger.Text.TextFormat;

namespace ClaimsLedger.Text;

/// <summary>Renders the claim board for people: per claim, positions grouped by stance and certainty.</summary>
internal static class BoardText
{
    public static string Render(ClaimBoard board)
    {
        var text = new StringBuilder();
        text.Append(Header("Who says what", board.AsOf)).Append('\n');
        if (board.Claims.Count == 0)
        {
            text.Append("\n(no statement counts at this point)\n");
        }

        foreach (var claim in board.Claims)
        {
            text.Append('\n');
            AppendClaim(text, claim);
        }

        return text.ToString();
    }

    public static string RenderClaim(ClaimStatus claim)
    {
        var text = new StringBuilder();
        AppendClaim(text, claim);
        return text.ToString();
    }

    private static void AppendClaim(StringBuilder text, ClaimStatus claim)
    {
        text.Append("■ ").Append(claim.Claim.Text).Append("  [").Append(claim.Claim.Id).Append(']');
        text.Append(claim.Contested ? "  — CONTESTED\n" : "\n");
        foreach (var stance in claim.Positions.GroupBy(p => p.Stance))
        {
            text.Append("  ").Append(stance.Key == Stance.Asserts ? "Asserts" : "Denies").Append('\n');
            foreach (var position in stance)
            {
                text.Append("    ").Append(Word(position.Certainty).PadRight(10)).Append(Actor(position.Actor))
                    .Append(" — ").Append(position.SaidAt).Append(Quote(position.Quote))
                    .Append(Corrected(position.Corrected)).Append('\n');
                text.Append("              ").Append(Provenance(position.Provenance)).Append('\n');
            }
        }

        if (claim.Investigations.Count > 0)
        {
            text.Append("  Investigations\n");
            foreach (var investigation in claim.Investigations)
            {
                var opening = investigation.Opening;
                text.Append("    ").Append(Word(investigation.Status).PadRight(10)).Append(Actor(opening.Actor))
                    .Append(" — opened ").Append(opening.SaidAt);
                if (investigation.Conclusion is { } conclusion)
                {
                    text.Append(", concluded ").Append(conclusion.SaidAt).Append(": ")
                        .Append(Word(investigation.Finding!.Outcome))
                        .Append(investigation.Finding.Summary is { } summary ? $" ({summary})" : string.Empty);
                }

                text.Append(Quote(opening.Quote)).Append('\n');
            }
        }

        AppendStatements(text, "Reactions", claim.Reactions, r => Word(r.Reaction!.Value));
        AppendStatements(text, "Evidence", claim.Evidence, e => Word(e.Evidence!.Value));
        AppendStatements(text, "Retracted", claim.Retractions, _ => "withdrew");
        if (claim.Links.Count > 0)
        {
            text.Append("  Links\n");
            foreach (var link in claim.Links)
            {
                text.Append("    ").Append(Word(link.Link)).Append(' ').Append(link.Target).Append('\n');
            }
        }
    }

    private static void AppendStatements(StringBuilder text, string title, IReadOnlyList<StatementView> statements,
        Func<StatementView, string> label)
    {
        if (statements.Count == 0)
        {
            return;
        }

        text.Append("  ").Append(title).Append('\n');
        foreach (var statement in statements)
        {
            text.Append("    ").Append(label(statement).PadRight(10)).Append(Actor(statement.Actor))
                .Append(" — ").Append(statement.SaidAt)
                .Append(statement.Target is { } target ? $" (statement {target})" : string.Empty)
                .Append(statement.Description is { } description ? $": {description}" : string.Empty)
                .Append(Quote(statement.Quote)).Append(Corrected(statement.Corrected)).Append('\n');
        }
    }
}
