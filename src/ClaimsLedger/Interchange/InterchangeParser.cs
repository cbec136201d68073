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
        var envelope = Envelope(fields);
        if (type is not null && KnownTypes.Contains(type))
        {
            fields.RejectUnread(type switch
            {
                "statement" => $"a statement of kind {json["kind"]}",
                _ => $"{("aeiou".Contains(type[0], StringComparison.Ordinal) ? "an" : "a")} {type} line",
            });
        }

        return errors.Count == before && parsed is not null ? new InterchangeLine(line, parsed, envelope) : null;
    }

    private static LedgerEvent? Unknown(LineReader fields, string type)
    {
        fields.Error("type", $"unknown line type '{type}': expected claim, link, actor, affiliation, affiliation-end, " +
                             "source, statement, amendment or strike");
        return null;
    }

    private static ExportEnvelope? Envelope(LineReader fields)
    {
        if (!fields.Has("recordedAt") && !fields.Has("position") && !fields.Has("metadata"))
        {
            return null;
        }

        var recordedAt = fields.Instant("recordedAt", required: true);
        var position = fields.Text("position", required: true);
        var metadata = fields.Object("metadata", required: false);
        return recordedAt is null || position is null
            ? null
            : new ExportEnvelope(position, recordedAt.Value, metadata?.ToString(Formatting.None) ?? string.Empty);
    }
}
