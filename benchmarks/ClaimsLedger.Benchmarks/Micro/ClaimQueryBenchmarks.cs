using BenchmarkDotNet.Attributes;
using ClaimsLedger.Views;

namespace ClaimsLedger.Benchmarks.Micro;

/// <summary>
/// One claim's board as of a random (T, R) on a loaded ledger. <see cref="InMemory"/> is the index query alone
/// (LedgerQueries.Claim, what the 20 µs target is about); <see cref="Public"/> is
/// <see cref="Ledger.GetClaimAsync"/>, which first catches up with the store (one SQLite query returning nothing).
/// </summary>
[MemoryDiagnoser]
public class ClaimQueryBenchmarks : LoadedLedgerBenchmark
{
    [Benchmark(Baseline = true)]
    public ClaimStatus? InMemory()
    {
        var (claim, asOf) = NextPoint();
        return LedgerQueries.Claim(Loaded.Index, claim, asOf);
    }

    [Benchmark]
    public Task<ClaimStatus?> Public()
    {
        var (claim, asOf) = NextPoint();
        return Loaded.Ledger.GetClaimAsync(claim, asOf);
    }
}
