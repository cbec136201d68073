using BenchmarkDotNet.Attributes;
using ClaimsLedger.Views;

namespace ClaimsLedger.Benchmarks.Micro;

/// <summary>The whole claim board as of a random (T, R): in memory (LedgerQueries.Board) and through GetBoardAsync.</summary>
[MemoryDiagnoser]
public class BoardBenchmarks : LoadedLedgerBenchmark
{
    [Benchmark(Baseline = true)]
    public ClaimBoard InMemory() => LedgerQueries.Board(Loaded.Index, NextPoint().AsOf);

    [Benchmark]
    public Task<ClaimBoard> Public() => Loaded.Ledger.GetBoardAsync(NextPoint().AsOf);
}
