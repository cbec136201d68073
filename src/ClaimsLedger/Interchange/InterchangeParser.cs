using ClaimsLedger.Events;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace ClaimsLedger.Interchange;

/// <summary>Turns one line of the interchange format (docs/format.md) into a ledger event, or into errors.</summary>
internal static class InterchangeParser
{
    private static readonly HashSet<string> KnownTypes =
        ["claim", "link", "actor", "affiliation", "affiliation-end", "source", "statement", "amendment", "strike"];

    /// <summary>The line, or null when it has errors (added to <paramref name="errors"/>).</summary>
    public static InterchangeLine? Parse(string text, long line, List<InterchangeError> errors)
    {
        JObject json;
        try
        {
            using var reader = new JsonTextReader(new StringReader(text))
            {
                DateParseHandling = DateParseHandling.None,
                FloatParseHandling = FloatParseHandling.Decimal,
            };
            json = JObject.Load(reader);
            if (reader.Read())
            {
                errors.Add(new InterchangeError(line, string.Empty, "malformed JSON: more than one value on the line"));
                return null;
            }
        }
        catch (JsonReaderException e)
        {
            errors.Add(new InterchangeError(line, string.Empty, $"malformed JSON: {e.Message}"));
            return null;
        }

        var before = errors.Count;
        var fields = new LineReader(json, line, errors);
        var type = fields.Text("type", required: true);
        LedgerEvent? parsed = type switch
        {
            null => null,
            "claim" => RegistrationLines.Claim(fields),
            "link" => RegistrationLines.Link(fields),
            "actor" => RegistrationLines.Actor(fields),
            "affiliation" => RegistrationLines.Affiliation(fields),
            "affiliation-end" => RegistrationLines.AffiliationEnd(fields),
            "source" => RegistrationLines.Source(fields),
            "statement" => StatementLines.Statement(fields),
            "amendment" => CorrectionLines.Amendment(fields),
            "strike" => CorrectionLines.Strike(fields),
            _ => Unknown(fields, type),
        };
        var exported = Exported(fields);
        if (type is not null && KnownTypes.Contains(type))
        {
            fields.RejectUnread(type switch
            {
                "statement" => $"a statement of kind {json["kind"]}",
                _ => $"{("aeiou".Contains(type[0], StringComparison.Ordinal) ? "an" : "a")} {type} line",
            });
        }

        return errors.Count == before && parsed is not null ? new InterchangeLine(line, parsed, exported) : null;
    }

    private static LedgerEvent? Unknown(LineReader fields, string type)
    {
        fields.Error("type", $"unknown line type '{type}': expected claim, link, actor, affiliation, affiliation-end, " +
                             "source, statement, amendment or strike");
        return null;
    }

    private static ExportedEvent? Exported(LineReader fields)
    {
        if (fields.Object("ledger", required: false) is not { } json)
        {
            return null;
        }

        var before = fields.ErrorCount;
        var ledger = fields.Nested(json, "ledger");
        var sequence = ledger.Integer("sequence", minimum: 0);
        var position = ledger.Text("position", required: true);
        var stream = ledger.Stream("stream");
        var version = ledger.Integer("version", minimum: 0);
        var type = ledger.Text("type", required: true);
        var id = ledger.Uuid("id");
        var recordedAt = ledger.CanonicalInstant("recordedAt");
        var data = ledger.Base64("data", required: true);
        var metadata = ledger.Base64("metadata", required: false);
        var previous = ledger.HashHex("previous");
        var hash = ledger.HashHex("hash");
        if ((previous is null) != (hash is null) && fields.ErrorCount == before)
        {
            ledger.Error(previous is null ? "previous" : "hash", "is required with " + (previous is null ? "hash" : "previous"));
        }
        else if (previous is not null && sequence == 0)
        {
            ledger.Error("sequence", "a chained event's sequence starts at 1");
        }

        ledger.RejectUnread("the ledger object of an export line");
        return fields.ErrorCount > before
            ? null
            : new ExportedEvent(sequence!.Value, position!, stream!.Value, version!.Value, type!, id!.Value,
                recordedAt!.Value, data!, metadata!, previous, hash);
    }
}
