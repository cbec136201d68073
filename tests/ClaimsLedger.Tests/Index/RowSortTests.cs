using ClaimsLedger.Events;
using ClaimsLedger.Index;

namespace ClaimsLedger.Tests.Index;

/// <summary>
/// The sort of a claim's rows: the rows appended since the last sort are sorted apart and merged into those already in
/// order. Every tail length around the sort's runs of 16 and its merge passes, every prefix, every arrangement of the
/// tail against the prefix, and a scratch array that starts too small or full of other rows.
/// </summary>
public sealed class RowSortTests
{
    private static readonly DateTimeOffset Recorded = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly Start = new(2023, 1, 1);

    public static TheoryData<int, int, string> Cases()
    {
        var cases = new TheoryData<int, int, string>();
        foreach (var tail in new[] { 9, 15, 16, 17, 31, 32, 33, 64, 65, 257 })
        {
            foreach (var prefix in new[] { 0, 1, 100 })
            {
                foreach (var arrangement in new[] { "before", "after", "interleaved", "reversed", "sorted" })
                {
                    cases.Add(tail, prefix, arrangement);
                }
            }
        }

        return cases;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Rows_appended_in_any_order_end_in_statement_order(int tail, int prefix, string arrangement)
    {
        var random = new Random(tail * 1000 + prefix);
        var number = 0;

        // The rows in order: days 1000-1099 (ties on a day broken by number).
        var rows = Enumerable.Range(0, prefix)
            .Select(_ => Row(number++, 1000 + random.Next(100)))
            .OrderBy(r => r.SaidStart).ThenBy(r => r.Number)
            .ToList();
        var days = arrangement switch
        {
            "before" => Enumerable.Range(0, tail).Select(_ => random.Next(900, 1000)),
            "after" => Enumerable.Range(0, tail).Select(_ => random.Next(1100, 1200)),
            "reversed" => Enumerable.Range(0, tail).Select(i => 1200 - (i / 2)),
            "sorted" => Enumerable.Range(0, tail).Select(i => 900 + (i / 2)),
            _ => Enumerable.Range(0, tail).Select(_ => random.Next(950, 1150)),
        };
        rows.AddRange(days.Select(day => Row(number++, day)));
        var expected = rows.OrderBy(r => r.SaidStart).ThenBy(r => r.SaidEnd).ThenBy(r => r.Number)
            .Select(r => r.Number).ToArray();

        // Too small to begin with, or larger and full of rows that are not these.
        StatementRow[]? scratch = tail % 2 == 0 ? new StatementRow[3] : [.. Enumerable.Range(0, 600).Select(i => Row(-1 - i, 0))];
        var sorted = rows.ToArray();
        RowSort.Sort(sorted, prefix, ref scratch);

        Assert.Equal(expected, sorted.Select(r => r.Number));
        Assert.True(scratch!.Length >= tail);
    }

    private static StatementRow Row(int number, int day) =>
        new(number, 0, new StatementAsserted($"s-{number + 1000:D5}", "claim", "actor", SaidAt.Day(Start.AddDays(day)), "source"),
            Recorded, speaker: 0);
}
