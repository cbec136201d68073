namespace ClaimsLedger.Benchmarks.Measurement;

/// <summary>What the garbage collector did between <see cref="GcWatch.Start"/> and <see cref="GcWatch.Stop"/>.</summary>
/// <param name="Pause">Time the runtime was paused for collections.</param>
/// <param name="Allocated">Bytes allocated (all threads).</param>
/// <param name="Gen2">Full (generation 2) collections.</param>
internal readonly record struct GcDelta(TimeSpan Pause, long Allocated, int Gen2);

/// <summary>Counts collections, pauses and allocations over a stretch of code.</summary>
internal readonly struct GcWatch
{
    private readonly TimeSpan _pause;
    private readonly long _allocated;
    private readonly int _gen2;

    private GcWatch(TimeSpan pause, long allocated, int gen2)
    {
        _pause = pause;
        _allocated = allocated;
        _gen2 = gen2;
    }

    public static GcWatch Start() =>
        new(GC.GetTotalPauseDuration(), GC.GetTotalAllocatedBytes(precise: false), GC.CollectionCount(2));

    public GcDelta Stop() => new(GC.GetTotalPauseDuration() - _pause,
        GC.GetTotalAllocatedBytes(precise: false) - _allocated, GC.CollectionCount(2) - _gen2);
}
