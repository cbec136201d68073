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
internal static class CallTimer
{
    public static double[] Time(int warmup, int count, Action<int> call)
    {
        for (var i = 0; i < warmup; i++)
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
        for (var i = 0; i < warmup; i++)
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
