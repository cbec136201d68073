using ClaimsLedger.Events;
using ClaimsLedger.Index;

namespace ClaimsLedger.Tests.Index;

/// <summary>
/// The index keeps statements as bytes and decodes them when asked: every kind, with every optional field set or not,
/// comes back as a record equal to the one recorded, so a repeat of it is still recognised and every view shows what
/// was said.
/// </summary>
public sealed class StatementBytesTests
{
    public static TheoryData<string, Statement> EveryKind()
    {
        var said = SaidAt.Day(2023, 5, 22);
        var data = new TheoryData<string, Statement>
        {
            { "assertion", new StatementAsserted("s-a", "claim-a", "actor-a", said, "source-a") },
            {
                "denial, probable, quote with quotes and emoji, via two actors",
                new StatementDenied("s-b", "claim-a", "actor-b", SaidAt.Parse("2023-05-22T14:30:05.1234567Z"), "source-a")
                {
                    Certainty = Certainty.Probable,
                    Quote = "«Ми не маємо до цього жодного стосунку» — \"no\"; DROP TABLE x; 🚁",
                    Via = ["actor-c", "actor-a"],
                }
            },
            { "empty quote", new StatementAsserted("s-c", "claim-a", "actor-a", SaidAt.Month(2023, 5), "source-b") { Quote = "" } },
            { "retraction", new StatementRetracted("s-d", "claim-b", "actor-a", SaidAt.Year(2023), "source-a", "s-a") },
            { "reaction", new ReactionExpressed("s-e", "claim-b", "actor-d", SaidAt.Range(new(2023, 5, 22), new(2023, 5, 26)), "source-a", ReactionKind.Threatens) },
            {
                "evidence with an absolute url",
                new EvidencePresented("s-f", "claim-a", "actor-a", said, "source-a", EvidenceKind.Footage, "smoke over the ministry")
                {
                    Url = new Uri("https://example.org/v?id=1&t=2#x"),
                }
            },
            {
                "evidence with a relative url and no description text",
                new EvidencePresented("s-g", "claim-a", "actor-a", said, "source-a", EvidenceKind.Document, "")
                {
                    Url = new Uri("clips/1.mp4", UriKind.Relative),
                }
            },
            { "evidence without url", new EvidencePresented("s-h", "claim-a", "actor-a", said, "source-a", EvidenceKind.Photo, "a photo") },
            { "investigation opened", new InvestigationOpened("s-i", "claim-a", "actor-e", said, "source-a") { Quote = "we are looking" } },
            {
                "investigation concluded, other finding with summary",
                new InvestigationConcluded("s-j", "claim-a", "actor-e", SaidAt.Instant(new DateTimeOffset(2023, 6, 1, 9, 0, 0, TimeSpan.FromHours(3))),
                    "source-a", "s-i", new Finding(FindingOutcome.Other) { Summary = "partly: drones, not a raid" })
                {
                    Via = ["actor-b"],
                }
            },
            {
                "investigation concluded, refuted",
                new InvestigationConcluded("s-k", "claim-a", "actor-e", said, "source-a", "s-i", new Finding(FindingOutcome.Refuted))
            },
            {
                "longest id and an instant before 1970",
                new StatementAsserted(new string('a', 128), "claim-a", "actor-a", SaidAt.Instant(new DateTimeOffset(1961, 4, 12, 6, 7, 0, TimeSpan.Zero)), "source-a")
            },
        };
        return data;
    }

    [Theory]
    [MemberData(nameof(EveryKind))]
    public void A_statement_read_back_equals_the_one_written(string what, Statement statement)
    {
        var table = new StatementTable();
        table.Add(new StatementAsserted("s-first", "claim-z", "actor-z", SaidAt.Day(2020, 1, 1), "source-z"));
        var entry = table.Add(statement);

        var read = entry.Original;

        Assert.True(statement == read, what);
        Assert.Equal(statement.GetType(), read.GetType());
        Assert.Equal(statement.SaidAt.ToString(), read.SaidAt.ToString());
        Assert.Equal(statement.Via, read.Via);
    }

    [Fact]
    public void A_retraction_or_conclusion_names_its_target_by_number_and_reads_back_its_id()
    {
        var table = new StatementTable();
        var said = SaidAt.Day(2023, 5, 22);
        var asserted = table.Add(new StatementAsserted("s-said", "claim-a", "actor-a", said, "source-b"));
        var opened = table.Add(new InvestigationOpened("s-opened", "claim-a", "actor-b", said, "source-a"));
        var retraction = new StatementRetracted("s-unsaid", "claim-a", "actor-a", said, "source-a", "s-said");
        var conclusion = new InvestigationConcluded("s-found", "claim-a", "actor-b", said, "source-b", "s-opened",
            new Finding(FindingOutcome.Inconclusive));

        var retracted = table.Add(retraction);
        var concluded = table.Add(conclusion);

        Assert.Equal(retraction, retracted.Original);
        Assert.Equal(conclusion, concluded.Original);
        Assert.Equal(asserted.Number, table.TargetAt(table.LocationOf(retracted.Number)));
        Assert.Equal(opened.Number, table.TargetAt(table.LocationOf(concluded.Number)));
        Assert.Equal(-1, table.TargetAt(table.LocationOf(asserted.Number)));
        Assert.Equal(new SourceId("source-a"), table.Names.Sources[table.SourceAt(table.LocationOf(retracted.Number))]);
        Assert.Equal(new SourceId("source-b"), table.Names.Sources[table.SourceAt(table.LocationOf(concluded.Number))]);
        Assert.Equal(new SourceId("source-b"), table.Names.Sources[table.SourceAt(table.LocationOf(asserted.Number))]);
    }

    [Fact]
    public void Decoded_records_share_the_claim_actor_and_source_id_strings()
    {
        var table = new StatementTable();
        var first = table.Add(new StatementAsserted("s-1", "claim-a", "actor-a", SaidAt.Day(2023, 5, 22), "source-a")).Original;
        var second = table.Add(new StatementDenied("s-2", "claim-a", "actor-a", SaidAt.Day(2023, 5, 23), "source-a")).Original;

        Assert.Same(first.Claim.Value, second.Claim.Value);
        Assert.Same(first.Actor.Value, second.Actor.Value);
        Assert.Same(first.Source.Value, second.Source.Value);
    }

    [Fact]
    public void Statements_larger_than_a_page_of_bytes_and_the_ones_around_them_read_back()
    {
        var table = new StatementTable();
        var statements = new List<Statement>();
        for (var i = 0; i < 30_000; i++)
        {
            // Every 10,000th carries a quote larger than a page (256 KB); the others fill pages up to their ends.
            var quote = i % 10_000 == 5_000 ? new string('q', 300_000) : $"quote {i} ✓";
            statements.Add(new StatementAsserted($"s-{i}", $"claim-{i % 7}", $"actor-{i % 11}", SaidAt.Day(2023, 1, 1).AddDaysForTest(i % 300), "source-a")
            {
                Quote = quote,
            });
        }

        var entries = statements.Select(table.Add).ToList();

        for (var i = 0; i < statements.Count; i++)
        {
            Assert.Equal(statements[i], entries[i].Original);
        }

        Assert.True(table.BytesUsed > 3 * 300_000, $"{table.BytesUsed} bytes");
    }
}

internal static class SaidAtTestExtensions
{
    public static SaidAt AddDaysForTest(this SaidAt said, int days) =>
        SaidAt.Day(DateOnly.FromDateTime(said.Start.UtcDateTime).AddDays(days));
}
