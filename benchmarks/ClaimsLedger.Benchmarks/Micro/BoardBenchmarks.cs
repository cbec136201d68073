using BenchmarkDotNet.Attributes;
using ClaimsLedger.Views;

namespace ClaimsLedger.Benchmarks.Micro;

/// <summary>
/// The whole claim board as of a random (T, R): in memory (LedgerQueries.Board), through GetBoardAsync, and claim by
/// claim through ReadBoardAsync (each claim's positions counted, none kept).
/// </summary>
[MemoryDiagnoser]
public class BoardBenchmarks : LoadedLedgerBenchmark
{
    [Benchmark(Baseline = true)]
    public ClaimBoard InMemory() => LedgerQueries.Board(Loaded.Index, NextPoint().AsOf);

    [Benchmark]
    public Task<ClaimBoard> Public() => Loaded.Ledger.GetBoardAsync(NextPoint().AsOf);

    [Benchmark]
    public async Task<long> Streamed()
    {
        var positions = 0L;
        await foreach (var status in Loaded.Ledger.ReadBoardAsync(NextPoint().AsOf))
        {
            positions += status.Positions.Count;
        }

        return positions;
    }
}
