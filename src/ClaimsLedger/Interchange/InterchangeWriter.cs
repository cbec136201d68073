using System.Globalization;
using ClaimsLedger.Events;
using ClaimsLedger.Integrity;
using ClaimsLedger.Serialization;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace ClaimsLedger.Interchange;

/// <summary>Writes ledger events as lines of the interchange format, with a fixed key order.</summary>
internal static class InterchangeWriter
{
    public static string Write(LedgerEvent @event, ExportedEvent? exported)
    {
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        using (var json = new JsonTextWriter(text) { Formatting = Formatting.None })
        {
            json.WriteStartObject();
            WriteEvent(json, @event);
            if (exported is not null)
            {
                json.WritePropertyName("ledger");
                WriteLedger(json, exported);
            }

            json.WriteEndObject();
        }

        return text.ToString();
    }

    // Fixed key order, and recordedAt always with seven fraction digits: the form docs/integrity.md hashes.
    private static void WriteLedger(JsonTextWriter json, ExportedEvent e)
    {
        json.WriteStartObject();
        json.WritePropertyName("sequence");
        json.WriteValue(e.Sequence);
        Properties(json, ("position", e.Position), ("stream", e.Stream.Value));
        json.WritePropertyName("version");
        json.WriteValue(e.Version);
        Properties(json, ("type", e.Type), ("id", e.EventId.ToString("D")),
            ("recordedAt", EventHash.RecordedAtText(e.RecordedAt)), ("data", Convert.ToBase64String(e.Data.Span)));
        if (!e.Metadata.IsEmpty)
        {
            Property(json, "metadata", Convert.ToBase64String(e.Metadata.Span));
        }

        Properties(json, ("previous", e.PreviousHash), ("hash", e.Hash));
        json.WriteEndObject();
    }

    private static void WriteEvent(JsonTextWriter json, LedgerEvent @event)
    {
        switch (@event)
        {
            case ClaimRegistered e:
                Properties(json, ("type", "claim"), ("id", e.Id.Value), ("text", e.Text));
                List(json, "incidents", e.Incidents);
                break;
            case ClaimLinked e:
                Properties(json, ("type", "link"), ("claim", e.Claim.Value), ("link", Kebab.Name(e.Link)), ("target", e.Target.Value));
                break;
            case ActorRegistered e:
                Properties(json, ("type", "actor"), ("id", e.Id.Value), ("name", e.Name), ("kind", Kebab.Name(e.Kind)));
                if (e.Anonymous)
                {
                    json.WritePropertyName("anonymous");
                    json.WriteValue(true);
                }

                break;
            case ActorAffiliated e:
                Properties(json, ("type", "affiliation"), ("actor", e.Actor.Value), ("organisation", e.Organisation.Value),
                    ("since", e.Since.ToString()), ("role", e.Role));
                break;
            case ActorAffiliationEnded e:
                Properties(json, ("type", "affiliation-end"), ("actor", e.Actor.Value), ("organisation", e.Organisation.Value),
                    ("until", e.Until.ToString()));
                break;
            case SourceRegistered e:
                Properties(json, ("type", "source"), ("id", e.Id.Value), ("publisher", e.Publisher), ("title", e.Title),
                    ("url", e.Url?.ToString()), ("published", e.Published?.ToString()));
                break;
            case Statement e:
                WriteStatement(json, e);
                break;
            case StatementAmended e:
                Properties(json, ("type", "amendment"), ("id", e.Id.Value), ("statement", e.Statement.Value));
                json.WritePropertyName("changes");
                JToken.FromObject(e.Changes, LedgerJson.Serializer).WriteTo(json);
                Property(json, "reason", e.Reason);
                break;
            case StatementStruck e:
                Properties(json, ("type", "strike"), ("id", e.Id.Value), ("statement", e.Statement.Value), ("reason", e.Reason));
                break;
            default:
                throw new ArgumentException($"unknown event {@event.GetType().Name}", nameof(@event));
        }
    }

    private static void WriteStatement(JsonTextWriter json, Statement e)
    {
        Properties(json, ("type", "statement"), ("id", e.Id.Value), ("kind", Kebab.Name(e.Kind)), ("claim", e.Claim.Value),
            ("actor", e.Actor.Value), ("saidAt", e.SaidAt.ToString()), ("source", e.Source.Value));
        if (e is StanceStatement stance)
        {
            Property(json, "certainty", Kebab.Name(stance.Certainty));
        }

        Property(json, "quote", e.Quote);
        List(json, "via", e.Via.Select(v => v.Value).ToList());
        switch (e)
        {
            case StatementRetracted r:
                Property(json, "target", r.Target.Value);
                break;
            case InvestigationConcluded c:
                Property(json, "investigation", c.Investigation.Value);
                json.WritePropertyName("finding");
                json.WriteStartObject();
                Properties(json, ("outcome", Kebab.Name(c.Finding.Outcome)), ("summary", c.Finding.Summary));
                json.WriteEndObject();
                break;
            case ReactionExpressed r:
                Property(json, "reaction", Kebab.Name(r.Reaction));
                break;
            case EvidencePresented p:
                Properties(json, ("evidence", Kebab.Name(p.Evidence)), ("description", p.Description), ("url", p.Url?.ToString()));
                break;
        }
    }

    private static void Properties(JsonTextWriter json, params (string Name, string? Value)[] properties)
    {
        foreach (var (name, value) in properties)
        {
            Property(json, name, value);
        }
    }

    private static void Property(JsonTextWriter json, string name, string? value)
    {
        if (value is null)
        {
            return;
        }

        json.WritePropertyName(name);
        json.WriteValue(value);
    }

    private static void List(JsonTextWriter json, string name, IReadOnlyList<string> values)
    {
        if (values.Count == 0)
        {
            return;
        }

        json.WritePropertyName(name);
        json.WriteStartArray();
        foreach (var value in values)
        {
            json.WriteValue(value);
        }

        json.WriteEndArray();
    }
}
