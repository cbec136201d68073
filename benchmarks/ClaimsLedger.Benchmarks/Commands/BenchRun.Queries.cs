using ClaimsLedger.Benchmarks.Measurement;
using ClaimsLedger.Benchmarks.Ours;
using ClaimsLedger.Views;

namespace ClaimsLedger.Benchmarks.Commands;

/// <summary>The as-of queries: each timed through the public API and as the bare in-memory evaluation.</summary>
internal sealed partial class BenchRun
{
    private object? _sink;

    private async Task QueryAsync(Ledger ledger, CancellationToken cancellationToken)
    {
        var index = _index!;
        var claims = index.Claims.Keys.OrderBy(c => c.Value, StringComparer.Ordinal).ToList();
        var points = AsOfPoints.Draw(options.Queries * 10, 11, claims, AsOfPoints.SyntheticSaidRange, _recorded);

        Step($"one claim as of random (T, R): {options.Queries:N0} public GetClaimAsync calls (each catches up with SQLite first)");
        var viaApi = await CallTimer.TimeAsync(Math.Min(200, options.Queries), options.Queries,
            i => ledger.GetClaimAsync(points[i].Claim, points[i].AsOf, cancellationToken));
        metrics.Add(BenchMetric.ClaimPublic, Stats.Median(viaApi));
        metrics.Add(BenchMetric.ClaimPublicP99, Stats.Percentile(viaApi, 99));

        Step($"the catch-up alone: {options.Queries:N0} CatchUpAsync calls with nothing new in the store");
        var catchUp = await CallTimer.TimeAsync(Math.Min(200, options.Queries), options.Queries,
            _ => ledger.CatchUpAsync(cancellationToken));
        metrics.Add(BenchMetric.CatchUp, Stats.Median(catchUp));

        Step($"one claim as of random (T, R): {points.Length:N0} in-memory evaluations (LedgerQueries.Claim on the index)");
        var inMemory = CallTimer.Time(1_000, points.Length,
            i => _sink = LedgerQueries.Claim(index, points[i].Claim, points[i].AsOf));
        metrics.Add(BenchMetric.ClaimIndex, Stats.Median(inMemory));
        metrics.Add(BenchMetric.ClaimIndexP99, Stats.Percentile(inMemory, 99));

        Step($"whole board as of random (T, R): {options.Boards} public GetBoardAsync calls, {options.Boards} ReadBoardAsync " +
             $"enumerations, then {options.Boards} in memory");
        var board = await CallTimer.TimeAsync(1, options.Boards, i => ledger.GetBoardAsync(points[i].AsOf, cancellationToken));
        metrics.Add(BenchMetric.BoardPublic, Stats.Median(board));
        var streamed = await CallTimer.TimeAsync(1, options.Boards, async i =>
        {
            // Each claim is looked at (its positions counted) and let go, as a caller writing the board out would.
            var positions = 0L;
            await foreach (var status in ledger.ReadBoardAsync(points[i].AsOf, cancellationToken))
            {
                positions += status.Positions.Count;
            }

            _sink = positions;
        });
        metrics.Add(BenchMetric.BoardStreamed, Stats.Median(streamed));
        var boardInMemory = CallTimer.Time(1, options.Boards, i => _sink = LedgerQueries.Board(index, points[i].AsOf));
        metrics.Add(BenchMetric.BoardIndex, Stats.Median(boardInMemory));
        GC.KeepAlive(_sink);
    }
}
