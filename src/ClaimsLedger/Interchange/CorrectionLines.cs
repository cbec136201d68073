using ClaimsLedger.Events;
using Newtonsoft.Json.Linq;

namespace ClaimsLedger.Interchange;

/// <summary>Amendment and strike lines (design rule 6).</summary>
internal static class CorrectionLines
{
    private static readonly HashSet<string> FixedFields = ["id", "claim", "kind", "target", "investigation", "finding",
        "reaction", "evidence", "description", "url", "type"];

    public static LedgerEvent? Amendment(LineReader f)
    {
        var id = f.Id("id", "correction", v => new CorrectionId(v));
        var statement = f.Id("statement", "statement", v => new StatementId(v));
        var reason = f.Text("reason", required: true);
        var changes = f.Object("changes", required: true) is { } json ? Changes(f.Nested(json, "changes"), json) : null;
        return reason is null || changes is null || id.IsDefault || statement.IsDefault
            ? null
            : new StatementAmended(id, statement, changes, reason);
    }

    public static LedgerEvent? Strike(LineReader f)
    {
        var id = f.Id("id", "correction", v => new CorrectionId(v));
        var statement = f.Id("statement", "statement", v => new StatementId(v));
        var reason = f.Text("reason", required: true);
        return reason is null || id.IsDefault || statement.IsDefault ? null : new StatementStruck(id, statement, reason);
    }

    private static StatementChanges? Changes(LineReader f, JObject json)
    {
        var changes = new StatementChanges
        {
            Actor = f.Has("actor") ? f.Id("actor", "actor", v => new ActorId(v)) : (ActorId?)null,
            Certainty = f.Enum<Certainty>("certainty", required: false),
            SaidAt = f.SaidAt("saidAt", required: false),
            Source = f.Has("source") ? f.Id("source", "source", v => new SourceId(v)) : (SourceId?)null,
            Via = f.ActorIds("via"),
        };
        if (f.Raw("quote") is null && json.ContainsKey("quote"))
        {
            changes = changes with { RemoveQuote = true };
        }
        else if (f.Text("quote", required: false) is { } quote)
        {
            changes = changes with { Quote = quote };
        }

        foreach (var field in json.Properties().Select(p => p.Name).Where(FixedFields.Contains))
        {
            f.Forbid(field, $"'{field}' cannot be amended: only actor, certainty, quote, saidAt, source and via can; " +
                            "strike the statement and record a new one instead");
        }

        f.RejectUnread("an amendment's changes");
        return changes;
    }
}
