using BenchmarkDotNet.Attributes;

namespace ClaimsLedger.Benchmarks.Micro;

/// <summary>The base of the benchmarks on a loaded synthetic ledger: its size as a parameter, and random points.</summary>
public abstract class LoadedLedgerBenchmark
{
    private int _next;

    /// <summary>Statements in the ledger (CLAIMS_MICRO_STATEMENTS, default 100,000).</summary>
    [ParamsSource(nameof(Sizes))]
    public int Statements { get; set; }

    public static IEnumerable<int> Sizes => LoadedLedger.Sizes;

    internal LoadedLedger Loaded { get; private set; } = null!;

    [GlobalSetup]
    public async Task SetupAsync() => Loaded = await LoadedLedger.LoadAsync(Statements);

    [GlobalCleanup]
    public Task CleanupAsync() => Loaded.DisposeAsync().AsTask();

    /// <summary>The next of 1,024 random (claim, T, R) points drawn at setup.</summary>
    internal (ClaimId Claim, AsOf AsOf) NextPoint() => Loaded.Points[_next++ & 1023];
}
