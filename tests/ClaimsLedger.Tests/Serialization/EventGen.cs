using System.Collections;
using System.Globalization;
using System.Reflection;
using System.Text;
using ClaimsLedger.Events;
using CsCheck;

namespace ClaimsLedger.Tests.Serialization;

/// <summary>
/// Random events of every type with every optional field present or absent, and a description of an event deep
/// enough to tell two decoders apart (runtime types, offsets, URL strings, list types).
/// </summary>
internal static class EventGen
{
    private const string SlugMiddle = "abcdefghijklmnopqrstuvwxyz0123456789-_.";
    private const string SlugEnd = "abcdefghijklmnopqrstuvwxyz0123456789";

    private static readonly DateOnly MaxDay = new(9998, 12, 31);

    /// <summary>Valid ids: a few repeated ones (as claims and actors are), random ones, and the longest allowed.</summary>
    public static readonly Gen<string> Id = Gen.Frequency(
        (3, Gen.Int[0, 20].Select(i => $"id-{i:D3}")),
        (6, Gen.Select(Gen.Char[SlugEnd], Gen.Char[SlugMiddle].Array[0, 14], Gen.Char[SlugEnd],
            (first, middle, last) => first + new string(middle) + last)),
        (1, Gen.Char[SlugEnd].Select(c => c.ToString())),
        (1, Gen.Char[SlugEnd].Select(c => new string(c, 128))));

    /// <summary>Free text: plain, needing JSON escapes, beyond the BMP, and arbitrary UTF-16 (lone surrogates
    /// included, which the encoder turns into U+FFFD).</summary>
    public static readonly Gen<string> Text = Gen.Frequency(
        (4, Gen.OneOf<string>(
            "a", "Z", " ", "\"", "\\", "/", "\n", "\r", "\t", "\b", "\f", "\u0000", "\u0001", "\u001f", "\u007f",
            "é", "€", "ß", "😀", "\u2028", "\u2029", "<", ">", "&", "'", "\uFEFF", "\uFFFD", "\uFFFF", "null", "{}",
            "quote of st-00000042", "2023-05-22").Array[0, 8].Select(parts => string.Concat(parts))),
        (1, Gen.String),
        (1, Gen.Const(string.Empty)));

    public static readonly Gen<SaidAt> Said = Gen.Frequency(
        (1, Gen.Int[1, 9998].Select(SaidAt.Year)),
        (1, Gen.Select(Gen.Int[1, 9998], Gen.Int[1, 12], SaidAt.Month)),
        (3, Day.Select(SaidAt.Day)),
        (1, Gen.Select(Day, Gen.Int[0, 40], (first, days) =>
            SaidAt.Range(first, first.DayNumber + days > MaxDay.DayNumber ? first : first.AddDays(days)))),
        (2, Gen.Select(Day, Gen.Int[0, 1439], (day, minute) => Instant(day, TimeSpan.FromMinutes(minute)))),
        (1, Gen.Select(Day, Gen.Int[0, 86399], (day, second) => Instant(day, TimeSpan.FromSeconds(second)))),
        (1, Gen.Select(Day, Gen.Long[0, TimeSpan.TicksPerDay - 1], (day, ticks) => Instant(day, TimeSpan.FromTicks(ticks)))));

    public static readonly Gen<Uri> Url = Gen.OneOf<string>(
            "https://example.org/a", "http://EXAMPLE.org:80/%7euser/?q=1&r=2#frag", "https://例え.jp/ü", "a/b",
            "/relative", "mailto:someone@example.org", "file:///tmp/x", "urn:isbn:0451450523",
            "https://example.org/path with space", "HTTPS://Example.Org/A/../B")
        .Select(text => new Uri(text, UriKind.RelativeOrAbsolute));

    public static readonly Gen<LedgerEvent> Event = Gen.OneOf(
        Statement(s => new StatementAsserted(s.Id, s.Claim, s.Actor, s.SaidAt, s.Source), withCertainty: true),
        Statement(s => new StatementDenied(s.Id, s.Claim, s.Actor, s.SaidAt, s.Source), withCertainty: true),
        Id.SelectMany(target => Statement(s => new StatementRetracted(s.Id, s.Claim, s.Actor, s.SaidAt, s.Source, target))),
        Statement(s => new InvestigationOpened(s.Id, s.Claim, s.Actor, s.SaidAt, s.Source)),
        Gen.Select(Id, Gen.Enum<FindingOutcome>(), Text.Null(0.5))
            .SelectMany((investigation, outcome, summary) => Statement(s => new InvestigationConcluded(
                s.Id, s.Claim, s.Actor, s.SaidAt, s.Source, investigation, new Finding(outcome) { Summary = summary }))),
        Gen.Enum<ReactionKind>().SelectMany(reaction =>
            Statement(s => new ReactionExpressed(s.Id, s.Claim, s.Actor, s.SaidAt, s.Source, reaction))),
        Gen.Select(Gen.Enum<EvidenceKind>(), Text, Url.Null(0.5)).SelectMany((evidence, description, url) =>
            Statement(s => new EvidencePresented(s.Id, s.Claim, s.Actor, s.SaidAt, s.Source, evidence, description)
            {
                Url = url,
            })),
        Gen.Select(Id, Id, Changes(), Text, (id, statement, changes, reason) =>
            (LedgerEvent)new StatementAmended(id, statement, changes, reason)),
        Gen.Select(Id, Id, Text, (id, statement, reason) => (LedgerEvent)new StatementStruck(id, statement, reason)),
        Gen.Select(Id, Text, Text.List[0, 3].Null(0.3), (id, text, incidents) =>
            (LedgerEvent)(incidents is null ? new ClaimRegistered(id, text) : new ClaimRegistered(id, text) { Incidents = incidents })),
        Gen.Select(Id, Gen.Enum<ClaimLinkKind>(), Id, (claim, link, target) => (LedgerEvent)new ClaimLinked(claim, link, target)),
        Gen.Select(Id, Text, Gen.Enum<ActorKind>(), Gen.Bool, (id, name, kind, anonymous) =>
            (LedgerEvent)new ActorRegistered(id, name, kind) { Anonymous = anonymous }),
        Gen.Select(Id, Id, Said, Text.Null(0.5), (actor, organisation, since, role) =>
            (LedgerEvent)new ActorAffiliated(actor, organisation, since) { Role = role }),
        Gen.Select(Id, Id, Said, (actor, organisation, until) =>
            (LedgerEvent)new ActorAffiliationEnded(actor, organisation, until)),
        Gen.Select(Id, Text, Text, Url.Null(0.5), Said.Nullable(0.5), (id, publisher, title, url, published) =>
            (LedgerEvent)new SourceRegistered(id, publisher, title) { Url = url, Published = published }));

    private static Gen<DateOnly> Day => Gen.Frequency(
        (4, Gen.Int[new DateOnly(2000, 1, 1).DayNumber, new DateOnly(2030, 12, 31).DayNumber].Select(DateOnly.FromDayNumber)),
        (1, Gen.Int[0, MaxDay.DayNumber].Select(DateOnly.FromDayNumber)));

    /// <summary>Describes a value in full: two values with the same description are the same objects for every
    /// reader of the ledger (unlike record equality, which ignores offsets and compares URLs loosely).</summary>
    public static string Describe(object? value)
    {
        var text = new StringBuilder();
        Describe(value, text);
        return text.ToString();
    }

    private static Gen<LedgerEvent> Statement(Func<StatementIds, Statement> create, bool withCertainty = false) =>
        Gen.Select(Id, Id, Id, Said, Id, Text.Null(0.6), Id.Select(v => (ActorId)v).List[0, 3].Null(0.3),
            Gen.Enum<Certainty>().Nullable(withCertainty ? 0.3 : 1.0),
            (id, claim, actor, saidAt, source, quote, via, certainty) =>
            {
                var statement = create(new StatementIds(id, claim, actor, saidAt, source)) with { Quote = quote };
                statement = via is null ? statement : statement with { Via = via };
                return (LedgerEvent)(certainty is { } value && statement is StanceStatement stance
                    ? stance with { Certainty = value }
                    : statement);
            });

    private static Gen<StatementChanges> Changes() =>
        Gen.Select(Id.Null(0.6), Gen.Enum<Certainty>().Nullable(0.6), Text.Null(0.6), Gen.Bool, Said.Nullable(0.6),
            Id.Null(0.6), Id.Select(v => (ActorId)v).List[0, 2].Null(0.6),
            (actor, certainty, quote, removeQuote, saidAt, source, via) => new StatementChanges
            {
                Actor = actor is null ? null : (ActorId?)new ActorId(actor),
                Certainty = certainty,
                Quote = quote,
                RemoveQuote = removeQuote && quote is null,
                SaidAt = saidAt,
                Source = source is null ? null : (SourceId?)new SourceId(source),
                Via = via,
            });

    private static SaidAt Instant(DateOnly day, TimeSpan time) =>
        SaidAt.Instant(new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero) + time);

    private static void Describe(object? value, StringBuilder text)
    {
        switch (value)
        {
            case null:
                text.Append("null");
                return;
            case string s:
                text.Append('"').Append(s.Replace("\\", "\\\\", StringComparison.Ordinal)
                    .Replace("\"", "\\\"", StringComparison.Ordinal)).Append('"');
                return;
            case DateTimeOffset instant:
                text.Append(instant.ToString("O", CultureInfo.InvariantCulture));
                return;
            case Uri uri:
                text.Append("Uri(").Append(uri.OriginalString).Append(", absolute: ").Append(uri.IsAbsoluteUri).Append(')');
                return;
            case bool or Enum or int or long:
                text.Append(value.GetType().Name).Append('.').Append(value);
                return;
            case IEnumerable items:
                text.Append(value.GetType().Name).Append('[');
                foreach (var item in items)
                {
                    Describe(item, text);
                    text.Append(", ");
                }

                text.Append(']');
                return;
        }

        var type = value.GetType();
        text.Append(type.Name).Append(" { ");
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
                     .Where(p => p.GetIndexParameters().Length == 0)
                     .OrderBy(p => p.Name, StringComparer.Ordinal))
        {
            text.Append(property.Name).Append(" = ");
            Describe(property.GetValue(value), text);
            text.Append("; ");
        }

        text.Append('}');
    }

    private sealed record StatementIds(string Id, string Claim, string Actor, SaidAt SaidAt, string Source);
}
