using ClaimsLedger.Events;
using ClaimsLedger.Index;

namespace ClaimsLedger.Tests.Index;

/// <summary>
/// The index's statements, numbered in log order in pages of slots, with ids chained through the slots: every
/// statement is found by its id across pages and rehashes, an unknown id is not, and an id folded twice finds the
/// newer statement, as the dictionary it replaced did.
/// </summary>
public sealed class StatementTableTests
{
    private static readonly DateTimeOffset Recorded = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(0, 1)]
    [InlineData(0, 40_000)]
    [InlineData(50_000, 40_000)]
    public void Every_statement_is_found_by_its_id_under_its_number_in_log_order(int reserved, int count)
    {
        var table = new StatementTable();
        table.Reserve(reserved);
        var added = Enumerable.Range(0, count)
            .Select(i => table.Add(Statement(i)))
            .ToList();

        Assert.Equal(count, table.Count);
        Assert.Equal(Enumerable.Range(0, count), added.Select(e => e.Number));
        for (var i = 0; i < count; i++)
        {
            Assert.True(table.TryGetValue(new StatementId($"s-{i:D6}"), out var found));
            Assert.Equal(added[i], found);
            Assert.Equal($"s-{i:D6}", found.Original.Id.Value);
        }

        Assert.False(table.TryGetValue(new StatementId("s-unknown"), out _));
        var error = Assert.Throws<KeyNotFoundException>(() => table[new StatementId("s-unknown")]);
        Assert.Contains("'s-unknown'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_id_folded_twice_finds_the_newer_statement()
    {
        var table = new StatementTable();
        table.Add(Statement(1));
        var newer = table.Add(Statement(1) with { Quote = "again" });

        Assert.Equal(newer, table[new StatementId("s-000001")]);
        Assert.Equal("again", table[new StatementId("s-000001")].Original.Quote);
    }

    [Fact]
    public void Corrections_and_conclusions_stay_with_their_statement_as_the_table_grows()
    {
        var table = new StatementTable();
        var first = table.Add(Statement(0));
        first.AddCorrection(new CorrectionEntry(new StatementStruck("fix-0", "s-000000", "test"), first, 1,
            ClaimsLedger.Storage.GlobalPosition.FromSequence(2), Recorded.AddDays(1)));
        for (var i = 1; i < 20_000; i++)
        {
            table.Add(Statement(i));
        }

        var again = table[new StatementId("s-000000")];
        Assert.True(again.IsStruckAt(Recorded.AddDays(1)));
        Assert.False(again.IsStruckAt(Recorded));
        Assert.Single(again.Corrections);
        Assert.False(table[new StatementId("s-019999")].HasCorrections);
    }

    private static StatementAsserted Statement(int i) =>
        new($"s-{i:D6}", "claim", "actor", SaidAt.Day(2023, 5, 1 + (i % 28)), "source");
}
