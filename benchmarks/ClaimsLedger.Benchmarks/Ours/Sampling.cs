using System.Diagnostics;

namespace ClaimsLedger.Benchmarks.Ours;

/// <summary>Random (claim, T, R) points, drawn up front so the drawing is not timed.</summary>
internal static class AsOfPoints
{
    /// <summary>T is uniform over the generator's said range (2022-2023), R uniform over the recorded range.</summary>
    public static (ClaimId Claim, AsOf AsOf)[] Draw(int count, int seed, IReadOnlyList<ClaimId> claims,
        (DateTimeOffset From, DateTimeOffset To) said, (DateTimeOffset From, DateTimeOffset To) recorded)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(0, count).Select(_ => (claims[random.Next(claims.Count)],
            new AsOf(Between(random, said), Between(random, recorded), SaidInclusion.CertainlySaid)))];
    }

    public static (DateTimeOffset From, DateTimeOffset To) SyntheticSaidRange { get; } =
        (new DateTimeOffset(2022, 1, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2024, 1, 10, 0, 0, 0, TimeSpan.Zero));

    private static DateTimeOffset Between(Random random, (DateTimeOffset From, DateTimeOffset To) range) =>
        range.From + ((range.To - range.From) * random.NextDouble());
}

/// <summary>Times single calls with the high-resolution clock; returns microseconds per call.</summary>
/// <remarks>
/// Each timing first calls for at least <see cref="WarmupTime"/> as well as the given number of calls: the runtime
/// compiles a method to its optimised (tier-1) code only after ~30 calls and a pause of 100 ms without new methods
/// to compile, so a count alone measured the first, unoptimised code (2026-11-29: 200 warm-up calls left one claim at
/// 27-40 µs median on the 1M ledger; after 2 s of calls, 11.7 µs).
/// </remarks>
internal static class CallTimer
{
    /// <summary>The least time spent calling before the timed calls; 2 s, none for the quick CI run.</summary>
    public static TimeSpan WarmupTime { get; set; } = TimeSpan.FromSeconds(2);

    public static double[] Time(int warmup, int count, Action<int> call)
    {
        var warming = Stopwatch.StartNew();
        for (var i = 0; i < warmup || warming.Elapsed < WarmupTime; i++)
        {
            call(i % Math.Max(count, 1));
        }

        var samples = new double[count];
        for (var i = 0; i < count; i++)
        {
            var started = Stopwatch.GetTimestamp();
            call(i);
            samples[i] = Stopwatch.GetElapsedTime(started).TotalMicroseconds;
        }

        return samples;
    }

    public static async Task<double[]> TimeAsync(int warmup, int count, Func<int, Task> call)
    {
        var warming = Stopwatch.StartNew();
        for (var i = 0; i < warmup || warming.Elapsed < WarmupTime; i++)
        {
            await call(i % Math.Max(count, 1));
        }

        var samples = new double[count];
        for (var i = 0; i < count; i++)
        {
            var started = Stopwatch.GetTimestamp();
            await call(i);
            samples[i] = Stopwatch.GetElapsedTime(started).TotalMicroseconds;
        }

        return samples;
    }
}
