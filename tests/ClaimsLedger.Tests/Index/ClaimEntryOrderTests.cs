using ClaimsLedger.Events;
using ClaimsLedger.Index;
using ClaimsLedger.Storage;

namespace ClaimsLedger.Tests.Index;

/// <summary>
/// A claim's statements are appended in log order and put in statement order (saidAt start, end, then log order)
/// when read or settled: whatever the order of appends, reads, settles, trims and corrections, a read sees the rows sorted,
/// each correction noted on its own statement's row.
/// </summary>
public sealed class ClaimEntryOrderTests
{
    private static readonly DateTimeOffset Recorded = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Rows_double_when_full_during_a_load_and_grow_by_half_under_appends()
    {
        var random = new Random(7);
        var table = new StatementTable();
        var loaded = new ClaimEntry(new ClaimRegistered("loaded", "A claim"), 0, Recorded);
        var appended = new ClaimEntry(new ClaimRegistered("appended", "A claim"), 0, Recorded);
        var capacities = (Loaded: new List<int>(), Appended: new List<int>());
        for (var n = 1; n <= 40; n++)
        {
            var entry = Entry(table, n, random);
            loaded.Add(entry, entry.Original, Recorded, speaker: 0, loading: true);
            appended.Add(entry, entry.Original, Recorded, speaker: 0);
            capacities.Loaded.Add(loaded.Capacity);
            capacities.Appended.Add(appended.Capacity);
        }

        Assert.Equal([4, 8, 16, 32, 64], capacities.Loaded.Distinct());
        Assert.Equal([4, 6, 9, 13, 19, 28, 42], capacities.Appended.Distinct());
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public void Rows_read_after_any_mix_of_appends_reads_settles_trims_and_corrections_are_in_statement_order(int seed)
    {
        var random = new Random(seed);
        var claim = new ClaimEntry(new ClaimRegistered("claim", "A claim"), 0, Recorded);
        var table = new StatementTable();
        var added = new List<StatementEntry>();
        var corrected = new Dictionary<StatementEntry, long>();
        for (var step = 0; step < 600; step++)
        {
            switch (random.Next(10))
            {
                case < 6:
                    var entry = Entry(table, added.Count + 1, random);
                    claim.Add(entry, entry.Original, Recorded, speaker: 0);
                    added.Add(entry);
                    break;
                case 6 when added.Count > 0:
                    var target = added[random.Next(added.Count)];
                    var ticks = Recorded.AddMinutes(step).UtcTicks;
                    claim.Corrected(target, target.Original.SaidAt, new CorrectionEntry(new StatementStruck($"fix-{step}", target.Original.Id, "test"),
                        target, 10_000 + step, GlobalPosition.FromSequence(10_000 + step), new DateTimeOffset(ticks, TimeSpan.Zero)));
                    corrected.TryAdd(target, ticks);
                    break;
                case 7:
                    claim.Settle();
                    break;
                case 8:
                    claim.TrimExcess();
                    Assert.Equal(added.Count, claim.Capacity);
                    break;
                default:
                    AssertInOrder(claim, added, corrected);
                    break;
            }
        }

        AssertInOrder(claim, added, corrected);
    }

    [Fact]
    public void Claims_of_every_size_settled_with_one_shared_scratch_are_each_in_statement_order()
    {
        // Sizes around the sort's runs of 16 and its merge widths, a sorted prefix of any length before the appended
        // tail, and one scratch array reused from claim to claim, larger and smaller, as an open settles them.
        var random = new Random(11);
        var table = new StatementTable();
        StatementRow[]? scratch = null;
        var ordinal = 0;
        foreach (var size in new[] { 0, 1, 9, 15, 16, 17, 31, 32, 33, 100, 257, 1000, 3, 600 })
        {
            var claim = new ClaimEntry(new ClaimRegistered($"claim-{size}", "A claim"), 0, Recorded);
            var added = new List<StatementEntry>();
            var readAfter = random.Next(size + 1);
            for (var n = 0; n < size; n++)
            {
                var entry = Entry(table, ++ordinal, random);
                claim.Add(entry, entry.Original, Recorded, speaker: 0, loading: true);
                added.Add(entry);
                if (n + 1 == readAfter)
                {
                    _ = claim.Statements;
                }
            }

            claim.Settle(ref scratch);

            Assert.True(claim.IsSettled);
            AssertInOrder(claim, added, []);
        }

        // The claims' sorts shared it: sized for the largest run of rows appended out of order, not for every row.
        Assert.NotNull(scratch);
    }

    private static StatementEntry Entry(StatementTable table, long ordinal, Random random)
    {
        // Few distinct days, so that many rows tie on saidAt and fall back to log order.
        var day = new DateOnly(2023, 5, 1).AddDays(random.Next(6));
        var said = random.Next(4) == 0 ? SaidAt.Range(day, day.AddDays(random.Next(1, 3))) : SaidAt.Day(day);
        var statement = new StatementAsserted($"s-{ordinal:D4}", "claim", "actor", said, "source");
        return table.Add(statement);
    }

    private static void AssertInOrder(ClaimEntry claim, List<StatementEntry> added, Dictionary<StatementEntry, long> corrected)
    {
        var expected = added
            .OrderBy(e => e.Original.SaidAt.Start.UtcTicks)
            .ThenBy(e => e.Original.SaidAt.End.UtcTicks)
            .ThenBy(e => e.Number)
            .ToList();
        var rows = claim.Statements.ToArray();
        Assert.Equal(expected.Select(e => e.Number), rows.Select(r => r.Number));
        Assert.All(rows, row =>
            Assert.Equal(corrected.GetValueOrDefault(claim.EntryOf(row), long.MaxValue), row.CorrectedFrom));
    }
}
