using ClaimsLedger.Events;
using ClaimsLedger.Views;
using Spectre.Console;
using static Spectre.Console.Markup;

namespace ClaimsLedger.Cli.Rendering;

/// <summary>The views as readable tables: one table per claim, positions grouped by stance and certainty.</summary>
internal static class ViewTables
{
    public static void Board(IAnsiConsole console, ClaimBoard board)
    {
        console.MarkupLine($"[bold]Who says what[/] — {Escape(Describe(board.AsOf))}");
        if (board.Claims.Count == 0)
        {
            console.WriteLine("(no statement counts at this point)");
        }

        foreach (var claim in board.Claims)
        {
            console.WriteLine();
            Claim(console, claim);
        }
    }

    public static void Claim(IAnsiConsole console, ClaimStatus claim)
    {
        var title = $"[bold]{Escape(claim.Claim.Text)}[/] [grey]{Escape($"[{claim.Claim.Id}]")}[/]" +
                    (claim.Contested ? " [red]CONTESTED[/]" : string.Empty);
        var table = new Table { Title = new TableTitle(title), Border = TableBorder.Rounded, Expand = false };
        table.AddColumns("Stance", "Certainty", "Who", "Said", "Quote / detail", "Reported");
        foreach (var position in claim.Positions)
        {
            table.AddRow(Word(position.Stance), Word(position.Certainty), Escape(Actor(position.Actor)),
                position.SaidAt.ToString(), Escape(Quote(position.Quote) + (position.Corrected ? " [corrected]" : string.Empty)),
                Escape(Provenance(position.Provenance)));
        }

        foreach (var investigation in claim.Investigations)
        {
            var finding = investigation.Finding is { } f
                ? $"finding: {Word(f.Outcome)}{(f.Summary is null ? string.Empty : $" ({f.Summary})")}"
                : "no finding yet";
            table.AddRow($"investigation {Word(investigation.Status)}", string.Empty, Escape(Actor(investigation.Opening.Actor)),
                investigation.Opening.SaidAt.ToString(), Escape(finding), Escape(Provenance(investigation.Opening.Provenance)));
        }

        foreach (var reaction in claim.Reactions)
        {
            table.AddRow($"reaction: {Word(reaction.Reaction!.Value)}", string.Empty, Escape(Actor(reaction.Actor)),
                reaction.SaidAt.ToString(), Escape(Quote(reaction.Quote)), Escape(Provenance(reaction.Provenance)));
        }

        foreach (var evidence in claim.Evidence)
        {
            table.AddRow($"evidence: {Word(evidence.Evidence!.Value)}", string.Empty, Escape(Actor(evidence.Actor)),
                evidence.SaidAt.ToString(), Escape(evidence.Description ?? string.Empty), Escape(Provenance(evidence.Provenance)));
        }

        foreach (var retraction in claim.Retractions)
        {
            table.AddRow("retracted", string.Empty, Escape(Actor(retraction.Actor)), retraction.SaidAt.ToString(),
                Escape($"withdrew {retraction.Target}"), Escape(Provenance(retraction.Provenance)));
        }

        console.Write(table);
        foreach (var link in claim.Links)
        {
            console.MarkupLine($"  [grey]{Word(link.Link)} {Escape(link.Target.Value)}[/]");
        }
    }

    public static void Actor(IAnsiConsole console, ActorPositions view)
    {
        console.MarkupLine($"[bold]{Escape(Actor(view.Actor))}[/] — {Escape(Describe(view.AsOf))}");
        foreach (var affiliation in view.Affiliations)
        {
            console.WriteLine($"  member of {affiliation.Organisation.Name}{(affiliation.Role is null ? string.Empty : $" ({affiliation.Role})")} since {affiliation.Since}");
        }

        var table = new Table { Border = TableBorder.Rounded };
        table.AddColumns("Claim", "Stance", "Certainty", "Said", "Quote", "Contested");
        foreach (var item in view.Positions)
        {
            table.AddRow(Escape($"{item.Claim.Text} [{item.Claim.Id}]"), Word(item.Position.Stance), Word(item.Position.Certainty),
                item.Position.SaidAt.ToString(), Escape(Quote(item.Position.Quote)), item.Contested ? "yes" : "no");
        }

        console.Write(table);
    }

    public static void Timeline(IAnsiConsole console, Timeline timeline)
    {
        console.MarkupLine($"[bold]Timeline[/] — {Escape(Describe(timeline.AsOf))}");
        var table = new Table { Border = TableBorder.Rounded };
        table.AddColumns("Said", "Who", "What", "Claim", "Quote / detail", "Statement");
        foreach (var entry in timeline.Entries)
        {
            var statement = entry.Statement;
            var what = entry.Stance is { } stance ? $"{Word(stance)} ({Word(entry.Certainty!.Value)})" : Word(statement.Kind);
            var notes = (entry.RetractedBy is { } by ? $" [retracted by {by}]" : string.Empty)
                        + (entry.Corrections.Count > 0 ? $" [corrected by {string.Join(", ", entry.Corrections)}]" : string.Empty);
            table.AddRow(statement.SaidAt.ToString(), Escape(Actor(statement.Actor)), Escape(what),
                Escape(entry.Claim.Id.Value), Escape((statement.Quote is null ? statement.Description ?? string.Empty : Quote(statement.Quote)) + notes),
                Escape(statement.Statement.Value));
        }

        console.Write(table);
    }

    private static string Describe(AsOf asOf) => Text.TextFormat.Header("as of", asOf)["as of — ".Length..];

    private static string Actor(ActorSummary actor) =>
        (actor.Anonymous ? actor.Name + " (anonymous)" : actor.Name)
        + (actor.Affiliations.Count == 0 ? string.Empty : $", {string.Join(", ", actor.Affiliations)}");

    private static string Quote(string? quote) => quote is null ? string.Empty : $"“{quote}”";

    private static string Provenance(Provenance provenance) =>
        (provenance.Via.Count == 0 ? string.Empty : "via " + string.Join(" → ", provenance.Via.Select(v => v.Name)) + ", ")
        + provenance.Source.Publisher + (provenance.Source.Published is { } published ? $" ({published})" : string.Empty);

    private static string Word<T>(T value)
        where T : struct, Enum => Interchange.Kebab.Name(value);
}
