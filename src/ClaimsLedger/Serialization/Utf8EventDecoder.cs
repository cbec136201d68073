using System.Text;
using System.Text.Json;
using ClaimsLedger.Events;

namespace ClaimsLedger.Serialization;

/// <summary>
/// Decodes event payloads straight from their UTF-8 bytes, one hand-written reader for the fields of every event
/// type over <see cref="CompactJson"/>, without the strings, readers and reflection of the Newtonsoft path.
/// </summary>
/// <remarks>
/// <para>A full rebuild decodes every stored event, so the decoder bounds it: Newtonsoft takes ~2.5 µs and 5 KB per
/// event (the payload turned into a string, a reader over it, the creator path for records with constructor
/// parameters).</para>
/// <para>The Newtonsoft path stays the definition of what a payload means. This decoder only answers for payloads
/// it reads with certainty to the same objects: compact JSON as the encoder writes it, properties by their exact
/// names, each at most once, every required one present, each value of the JSON type the encoder writes and valid,
/// nothing after the object. For anything else (white space, a name in another case or escaped, a repeated or
/// unknown property, a null, a number for a string, a value that does not parse, malformed JSON) it returns null
/// and the caller decodes with Newtonsoft, which gives the object or the <see cref="LedgerFormatException"/> it
/// always gave. Errors are thus reported by one code path, and a payload written by another version still decodes
/// as before, only slower.</para>
/// </remarks>
internal static class Utf8EventDecoder
{
    /// <summary>The event, or null when the payload is not one this decoder reads with certainty.</summary>
    public static LedgerEvent? TryDecode(string typeName, ReadOnlySpan<byte> payload)
    {
        var type = TypeOf(typeName);
        if (type == EventType.None)
        {
            return null;
        }

        try
        {
            var json = new CompactJson(payload);
            var fields = default(Fields);
            return ReadObject(ref json, type, ref fields) && json.AtEnd ? Create(type, in fields) : null;
        }
        catch (JsonException)
        {
            // An invalid escape in a string: the Newtonsoft path says where.
            return null;
        }
        catch (InvalidOperationException)
        {
            // An escaped lone surrogate: the Newtonsoft path decodes it its own way.
            return null;
        }
        catch (FormatException)
        {
            // A URL that Uri refuses: the Newtonsoft path reports it.
            return null;
        }
        catch (InvalidIdException)
        {
            // Not reached while IdStrings.IsSlug agrees with Slug.IsValid; if they ever differ, Newtonsoft decides.
            return null;
        }
        catch (ArgumentException)
        {
            // SaidAt.TryParse throws for a few texts at the end of the calendar; the Newtonsoft path throws the same.
            return null;
        }
    }

    private enum EventType
    {
        None,
        StatementAsserted,
        StatementDenied,
        StatementRetracted,
        InvestigationOpened,
        InvestigationConcluded,
        ReactionExpressed,
        EvidencePresented,
        StatementAmended,
        StatementStruck,
        ClaimRegistered,
        ClaimLinked,
        ActorRegistered,
        ActorAffiliated,
        ActorAffiliationEnded,
        SourceRegistered,
    }

    [Flags]
    private enum Field : uint
    {
        None = 0,
        Id = 1u << 0,
        Claim = 1u << 1,
        Actor = 1u << 2,
        SaidAt = 1u << 3,
        Source = 1u << 4,
        Quote = 1u << 5,
        Via = 1u << 6,
        Certainty = 1u << 7,
        Target = 1u << 8,
        Investigation = 1u << 9,
        Finding = 1u << 10,
        Reaction = 1u << 11,
        Evidence = 1u << 12,
        Description = 1u << 13,
        Url = 1u << 14,
        Statement = 1u << 15,
        Changes = 1u << 16,
        Reason = 1u << 17,
        Text = 1u << 18,
        Incidents = 1u << 19,
        Name = 1u << 20,
        Kind = 1u << 21,
        Anonymous = 1u << 22,
        Organisation = 1u << 23,
        Since = 1u << 24,
        Until = 1u << 25,
        Role = 1u << 26,
        Link = 1u << 27,
        Publisher = 1u << 28,
        Title = 1u << 29,
        Published = 1u << 30,
    }

    private const Field StatementRequired = Field.Id | Field.Claim | Field.Actor | Field.SaidAt | Field.Source;
    private const Field StatementOptional = Field.Quote | Field.Via;

    private static EventType TypeOf(string typeName) => typeName switch
    {
        "statement-asserted.v1" => EventType.StatementAsserted,
        "statement-denied.v1" => EventType.StatementDenied,
        "statement-retracted.v1" => EventType.StatementRetracted,
        "investigation-opened.v1" => EventType.InvestigationOpened,
        "investigation-concluded.v1" => EventType.InvestigationConcluded,
        "reaction-expressed.v1" => EventType.ReactionExpressed,
        "evidence-presented.v1" => EventType.EvidencePresented,
        "statement-amended.v1" => EventType.StatementAmended,
        "statement-struck.v1" => EventType.StatementStruck,
        "claim-registered.v1" => EventType.ClaimRegistered,
        "claim-linked.v1" => EventType.ClaimLinked,
        "actor-registered.v1" => EventType.ActorRegistered,
        "actor-affiliated.v1" => EventType.ActorAffiliated,
        "actor-affiliation-ended.v1" => EventType.ActorAffiliationEnded,
        "source-registered.v1" => EventType.SourceRegistered,
        _ => EventType.None,
    };

    /// <summary>The properties that must be present.</summary>
    private static Field Required(EventType type) => type switch
    {
        EventType.StatementAsserted or EventType.StatementDenied or EventType.InvestigationOpened => StatementRequired,
        EventType.StatementRetracted => StatementRequired | Field.Target,
        EventType.InvestigationConcluded => StatementRequired | Field.Investigation | Field.Finding,
        EventType.ReactionExpressed => StatementRequired | Field.Reaction,
        EventType.EvidencePresented => StatementRequired | Field.Evidence | Field.Description,
        EventType.StatementAmended => Field.Id | Field.Statement | Field.Changes | Field.Reason,
        EventType.StatementStruck => Field.Id | Field.Statement | Field.Reason,
        EventType.ClaimRegistered => Field.Id | Field.Text,
        EventType.ClaimLinked => Field.Claim | Field.Link | Field.Target,
        EventType.ActorRegistered => Field.Id | Field.Name | Field.Kind,
        EventType.ActorAffiliated => Field.Actor | Field.Organisation | Field.Since,
        EventType.ActorAffiliationEnded => Field.Actor | Field.Organisation | Field.Until,
        EventType.SourceRegistered => Field.Id | Field.Publisher | Field.Title,
        _ => Field.None,
    };

    /// <summary>The properties that may be present besides the required ones.</summary>
    private static Field Optional(EventType type) => type switch
    {
        EventType.StatementAsserted or EventType.StatementDenied => StatementOptional | Field.Certainty,
        EventType.EvidencePresented => StatementOptional | Field.Url,
        EventType.StatementRetracted or EventType.InvestigationOpened or EventType.InvestigationConcluded
            or EventType.ReactionExpressed => StatementOptional,
        EventType.ClaimRegistered => Field.Incidents,
        EventType.ActorRegistered => Field.Anonymous,
        EventType.ActorAffiliated => Field.Role,
        EventType.SourceRegistered => Field.Url | Field.Published,
        _ => Field.None,
    };

    private static Field FieldOf(ReadOnlySpan<byte> name) => name.Length switch
    {
        2 when name.SequenceEqual("id"u8) => Field.Id,
        3 when name.SequenceEqual("via"u8) => Field.Via,
        3 when name.SequenceEqual("url"u8) => Field.Url,
        4 when name.SequenceEqual("text"u8) => Field.Text,
        4 when name.SequenceEqual("name"u8) => Field.Name,
        4 when name.SequenceEqual("kind"u8) => Field.Kind,
        4 when name.SequenceEqual("role"u8) => Field.Role,
        4 when name.SequenceEqual("link"u8) => Field.Link,
        5 when name.SequenceEqual("claim"u8) => Field.Claim,
        5 when name.SequenceEqual("actor"u8) => Field.Actor,
        5 when name.SequenceEqual("quote"u8) => Field.Quote,
        5 when name.SequenceEqual("since"u8) => Field.Since,
        5 when name.SequenceEqual("until"u8) => Field.Until,
        5 when name.SequenceEqual("title"u8) => Field.Title,
        6 when name.SequenceEqual("saidAt"u8) => Field.SaidAt,
        6 when name.SequenceEqual("source"u8) => Field.Source,
        6 when name.SequenceEqual("target"u8) => Field.Target,
        6 when name.SequenceEqual("reason"u8) => Field.Reason,
        7 when name.SequenceEqual("finding"u8) => Field.Finding,
        7 when name.SequenceEqual("changes"u8) => Field.Changes,
        8 when name.SequenceEqual("reaction"u8) => Field.Reaction,
        8 when name.SequenceEqual("evidence"u8) => Field.Evidence,
        9 when name.SequenceEqual("certainty"u8) => Field.Certainty,
        9 when name.SequenceEqual("statement"u8) => Field.Statement,
        9 when name.SequenceEqual("incidents"u8) => Field.Incidents,
        9 when name.SequenceEqual("anonymous"u8) => Field.Anonymous,
        9 when name.SequenceEqual("publisher"u8) => Field.Publisher,
        9 when name.SequenceEqual("published"u8) => Field.Published,
        11 when name.SequenceEqual("description"u8) => Field.Description,
        12 when name.SequenceEqual("organisation"u8) => Field.Organisation,
        13 when name.SequenceEqual("investigation"u8) => Field.Investigation,
        _ => Field.None,
    };

    /// <summary>Reads the event's object, from its opening brace to its closing one.</summary>
    private static bool ReadObject(ref CompactJson json, EventType type, ref Fields fields)
    {
        var required = Required(type);
        var allowed = required | Optional(type);
        if (!json.TrySkip('{'))
        {
            return false;
        }

        if (!json.TrySkip('}'))
        {
            do
            {
                if (!json.TryName(out var name))
                {
                    return false;
                }

                var field = FieldOf(name);
                if ((field & allowed) == 0 || (field & fields.Seen) != 0 || !ReadValue(ref json, type, field, ref fields))
                {
                    return false;
                }

                fields.Seen |= field;
            }
            while (json.TrySkip(','));

            if (!json.TrySkip('}'))
            {
                return false;
            }
        }

        return (fields.Seen & required) == required;
    }

    private static bool ReadValue(ref CompactJson json, EventType type, Field field, ref Fields fields) => field switch
    {
        // A registration's own id is shared with the statements that refer to it.
        Field.Id => (fields.Id = type is EventType.ClaimRegistered or EventType.ActorRegistered
            or EventType.SourceRegistered ? SharedId(ref json) : NewId(ref json)) is not null,
        Field.Claim => (fields.Claim = SharedId(ref json)) is not null,
        Field.Actor => (fields.Actor = SharedId(ref json)) is not null,
        Field.Source => (fields.Source = SharedId(ref json)) is not null,
        Field.Organisation => (fields.Organisation = SharedId(ref json)) is not null,
        Field.Target => (fields.Target = type == EventType.ClaimLinked ? SharedId(ref json) : NewId(ref json))
            is not null,
        Field.Investigation => (fields.Investigation = NewId(ref json)) is not null,
        Field.Statement => (fields.Statement = NewId(ref json)) is not null,
        Field.SaidAt or Field.Since or Field.Until or Field.Published => TrySaidAt(ref json, out fields.When),
        Field.Quote => json.TryText(out fields.Quote),
        Field.Description => json.TryText(out fields.Description),
        Field.Reason => json.TryText(out fields.Reason),
        Field.Text => json.TryText(out fields.Text),
        Field.Name => json.TryText(out fields.Name),
        Field.Role => json.TryText(out fields.Role),
        Field.Publisher => json.TryText(out fields.Publisher),
        Field.Title => json.TryText(out fields.Title),
        Field.Via => (fields.Via = ActorIds(ref json)) is not null,
        Field.Incidents => (fields.Incidents = Texts(ref json)) is not null,
        Field.Certainty => Names<Certainty>.TryRead(ref json, out fields.Certainty),
        Field.Reaction => Names<ReactionKind>.TryRead(ref json, out fields.Reaction),
        Field.Evidence => Names<EvidenceKind>.TryRead(ref json, out fields.Evidence),
        Field.Kind => Names<ActorKind>.TryRead(ref json, out fields.Kind),
        Field.Link => Names<ClaimLinkKind>.TryRead(ref json, out fields.Link),
        Field.Anonymous => TryBoolean(ref json, out fields.Anonymous),
        Field.Finding => (fields.Finding = Finding(ref json)) is not null,
        Field.Changes => (fields.Changes = Changes(ref json)) is not null,
        Field.Url => (fields.Url = Url(ref json)) is not null,
        _ => false,
    };

    private static LedgerEvent? Create(EventType type, in Fields f) => type switch
    {
        EventType.StatementAsserted => new StatementAsserted(f.Id!, f.Claim!, f.Actor!, f.When, f.Source!)
        {
            Quote = f.Quote,
            Via = f.Via ?? ValueList<ActorId>.Empty,
            Certainty = (f.Seen & Field.Certainty) != 0 ? f.Certainty : Certainty.Certain,
        },
        EventType.StatementDenied => new StatementDenied(f.Id!, f.Claim!, f.Actor!, f.When, f.Source!)
        {
            Quote = f.Quote,
            Via = f.Via ?? ValueList<ActorId>.Empty,
            Certainty = (f.Seen & Field.Certainty) != 0 ? f.Certainty : Certainty.Certain,
        },
        EventType.StatementRetracted =>
            new StatementRetracted(f.Id!, f.Claim!, f.Actor!, f.When, f.Source!, f.Target!)
            {
                Quote = f.Quote,
                Via = f.Via ?? ValueList<ActorId>.Empty,
            },
        EventType.InvestigationOpened => new InvestigationOpened(f.Id!, f.Claim!, f.Actor!, f.When, f.Source!)
        {
            Quote = f.Quote,
            Via = f.Via ?? ValueList<ActorId>.Empty,
        },
        EventType.InvestigationConcluded =>
            new InvestigationConcluded(f.Id!, f.Claim!, f.Actor!, f.When, f.Source!, f.Investigation!, f.Finding!)
            {
                Quote = f.Quote,
                Via = f.Via ?? ValueList<ActorId>.Empty,
            },
        EventType.ReactionExpressed =>
            new ReactionExpressed(f.Id!, f.Claim!, f.Actor!, f.When, f.Source!, f.Reaction)
            {
                Quote = f.Quote,
                Via = f.Via ?? ValueList<ActorId>.Empty,
            },
        EventType.EvidencePresented =>
            new EvidencePresented(f.Id!, f.Claim!, f.Actor!, f.When, f.Source!, f.Evidence, f.Description!)
            {
                Quote = f.Quote,
                Via = f.Via ?? ValueList<ActorId>.Empty,
                Url = f.Url,
            },
        EventType.StatementAmended => new StatementAmended(f.Id!, f.Statement!, f.Changes!, f.Reason!),
        EventType.StatementStruck => new StatementStruck(f.Id!, f.Statement!, f.Reason!),
        EventType.ClaimRegistered => new ClaimRegistered(f.Id!, f.Text!)
        {
            Incidents = f.Incidents ?? ValueList<string>.Empty,
        },
        EventType.ClaimLinked => new ClaimLinked(f.Claim!, f.Link, f.Target!),
        EventType.ActorRegistered => new ActorRegistered(f.Id!, f.Name!, f.Kind) { Anonymous = f.Anonymous },
        EventType.ActorAffiliated => new ActorAffiliated(f.Actor!, f.Organisation!, f.When) { Role = f.Role },
        EventType.ActorAffiliationEnded => new ActorAffiliationEnded(f.Actor!, f.Organisation!, f.When),
        EventType.SourceRegistered => new SourceRegistered(f.Id!, f.Publisher!, f.Title!)
        {
            Url = f.Url,
            Published = (f.Seen & Field.Published) != 0 ? f.When : null,
        },
        _ => null,
    };

    /// <summary>An id string shared with every other event naming the same claim, actor or source.</summary>
    private static string? SharedId(ref CompactJson json) =>
        json.TryAscii(out var id) ? IdStrings.Process.Shared(id) : null;

    private static string? NewId(ref CompactJson json) => json.TryAscii(out var id) ? IdStrings.Create(id) : null;

    private static bool TrySaidAt(ref CompactJson json, out SaidAt value)
    {
        value = default;
        return json.TryString(out var raw, out var kind)
            && ((kind == CompactJson.StringKind.Ascii && Utf8SaidAt.TryParse(raw, out value))
                || SaidAt.TryParse(CompactJson.Decode(raw, kind), out value, out _));
    }

    private static bool TryBoolean(ref CompactJson json, out bool value)
    {
        value = json.TryLiteral("true"u8);
        return value || json.TryLiteral("false"u8);
    }

    /// <summary>A URL as Newtonsoft makes one from a string (ConvertUtils), so that relative and odd URLs come out the
    /// same; an empty string, which Newtonsoft turns into null, is left to it.</summary>
    private static Uri? Url(ref CompactJson json) =>
        json.TryText(out var text) && text is { Length: > 0 } ? new Uri(text, UriKind.RelativeOrAbsolute) : null;

    private static IReadOnlyList<ActorId>? ActorIds(ref CompactJson json)
    {
        if (!json.TrySkip('['))
        {
            return null;
        }

        if (json.TrySkip(']'))
        {
            return ValueList<ActorId>.Empty;
        }

        var ids = new List<ActorId>(2);
        do
        {
            if (SharedId(ref json) is not { } id)
            {
                return null;
            }

            ids.Add(new ActorId(id));
        }
        while (json.TrySkip(','));

        return json.TrySkip(']') ? ids : null;
    }

    private static IReadOnlyList<string>? Texts(ref CompactJson json)
    {
        if (!json.TrySkip('['))
        {
            return null;
        }

        if (json.TrySkip(']'))
        {
            return ValueList<string>.Empty;
        }

        var texts = new List<string>(1);
        do
        {
            if (!json.TryText(out var text))
            {
                return null;
            }

            texts.Add(text!);
        }
        while (json.TrySkip(','));

        return json.TrySkip(']') ? texts : null;
    }

    private static Finding? Finding(ref CompactJson json)
    {
        if (!json.TrySkip('{'))
        {
            return null;
        }

        FindingOutcome? outcome = null;
        string? summary = null;
        if (!json.TrySkip('}'))
        {
            do
            {
                if (!json.TryName(out var name))
                {
                    return null;
                }

                if (name.SequenceEqual("outcome"u8) && outcome is null
                    && Names<FindingOutcome>.TryRead(ref json, out var read))
                {
                    outcome = read;
                }
                else if (!(name.SequenceEqual("summary"u8) && summary is null && json.TryText(out summary)))
                {
                    return null;
                }
            }
            while (json.TrySkip(','));

            if (!json.TrySkip('}'))
            {
                return null;
            }
        }

        return outcome is { } found ? new Finding(found) { Summary = summary } : null;
    }

    /// <summary>The changed fields of an amendment (see <see cref="StatementChangesConverter"/>).</summary>
    private static StatementChanges? Changes(ref CompactJson json)
    {
        if (!json.TrySkip('{'))
        {
            return null;
        }

        var seen = Field.None;
        string? actor = null, quote = null, source = null;
        Certainty certainty = default;
        SaidAt saidAt = default;
        IReadOnlyList<ActorId>? via = null;
        var removeQuote = false;
        if (!json.TrySkip('}'))
        {
            do
            {
                if (!json.TryName(out var name))
                {
                    return null;
                }

                var field = FieldOf(name);
                if ((field & seen) != 0)
                {
                    return null;
                }

                seen |= field;
                var read = field switch
                {
                    Field.Actor => (actor = SharedId(ref json)) is not null,
                    Field.Certainty => Names<Certainty>.TryRead(ref json, out certainty),
                    Field.Quote => (removeQuote = json.TryLiteral("null"u8)) || json.TryText(out quote),
                    Field.SaidAt => TrySaidAt(ref json, out saidAt),
                    Field.Source => (source = SharedId(ref json)) is not null,
                    Field.Via => (via = ActorIds(ref json)) is not null,
                    _ => false,
                };
                if (!read)
                {
                    return null;
                }
            }
            while (json.TrySkip(','));

            if (!json.TrySkip('}'))
            {
                return null;
            }
        }

        return new StatementChanges
        {
            Actor = actor is null ? null : (ActorId?)new ActorId(actor),
            Certainty = (seen & Field.Certainty) != 0 ? certainty : null,
            Quote = quote,
            RemoveQuote = removeQuote,
            SaidAt = (seen & Field.SaidAt) != 0 ? saidAt : null,
            Source = source is null ? null : (SourceId?)new SourceId(source),
            Via = via,
        };
    }

    /// <summary>Every field an event payload can have; which ones are set is in <see cref="Seen"/>.</summary>
    private struct Fields
    {
        public Field Seen;
        public string? Id;
        public string? Claim;
        public string? Actor;
        public string? Source;
        public string? Target;
        public string? Investigation;
        public string? Statement;
        public string? Organisation;
        /// <summary>The one time an event has: saidAt, since, until or published.</summary>
        public SaidAt When;
        public string? Quote;
        public string? Description;
        public string? Reason;
        public string? Text;
        public string? Name;
        public string? Role;
        public string? Publisher;
        public string? Title;
        public IReadOnlyList<ActorId>? Via;
        public IReadOnlyList<string>? Incidents;
        public Certainty Certainty;
        public ReactionKind Reaction;
        public EvidenceKind Evidence;
        public ActorKind Kind;
        public ClaimLinkKind Link;
        public bool Anonymous;
        public Finding? Finding;
        public StatementChanges? Changes;
        public Uri? Url;
    }

    /// <summary>
    /// The names an enum's values are written under, taken from the ledger's own serializer so that they cannot
    /// differ from what <see cref="EventSerializer.Serialize(Events.LedgerEvent)"/> writes.
    /// </summary>
    private static class Names<T>
        where T : struct, Enum
    {
        private static readonly (byte[] Name, T Value)[] Entries =
        [
            .. Enum.GetValues<T>().Select(value => (Written(value), value)),
        ];

        public static bool TryRead(ref CompactJson json, out T value)
        {
            if (json.TryAscii(out var name))
            {
                foreach (var entry in Entries)
                {
                    if (name.SequenceEqual(entry.Name))
                    {
                        value = entry.Value;
                        return true;
                    }
                }
            }

            value = default;
            return false;
        }

        private static byte[] Written(T value)
        {
            using var text = new StringWriter();
            LedgerJson.Serializer.Serialize(text, value);
            var quoted = text.ToString();
            return quoted is ['"', .. var name, '"'] ? Encoding.UTF8.GetBytes(name) : [];
        }
    }
}
