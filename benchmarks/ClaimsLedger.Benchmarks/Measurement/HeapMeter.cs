namespace ClaimsLedger.Benchmarks.Measurement;

/// <summary>Managed heap size after full, compacting collections: before and after something is built and kept.</summary>
internal static class HeapMeter
{
    public static long Settled()
    {
        for (var i = 0; i < 3; i++)
        {
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
        }

        return GC.GetTotalMemory(forceFullCollection: true);
    }
}
