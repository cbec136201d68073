using System.Diagnostics;
using System.Globalization;
using ClaimsLedger.Benchmarks.Data;
using ClaimsLedger.Benchmarks.Measurement;
using ClaimsLedger.Events;
using ClaimsLedger.Serialization;

namespace ClaimsLedger.Benchmarks.Commands;

/// <summary>
/// <c>decode</c>: the rebuild's decoding step on a whole synthetic ledger, the UTF-8 decoder against the Newtonsoft
/// one. Every payload is decoded on one thread and kept (as the index keeps it), so the figures include the
/// collections a rebuild pays for; the two decoders alternate which goes first in each run. Prints medians: events
/// per second by the wall clock and by the process's CPU time (steadier on a loaded machine), bytes allocated and
/// bytes kept per event, and the collector's pauses.
/// </summary>
internal static class DecodeCommand
{
    public static async Task<int> RunAsync(BenchOptions options, CancellationToken cancellationToken)
    {
        var log = Console.Out;
        log.WriteLine($"decode: {options.Spec}, {options.Runs} run(s)");
        var events = await LedgerFiles.SyntheticAsync(options.Spec, cancellationToken);
        var payloads = events.Select(e => (Type: EventTypeNames.Of(e), Data: EventSerializer.Serialize(e))).ToArray();
        Check(payloads);

        var results = new Dictionary<string, List<Result>>(StringComparer.Ordinal) { ["utf8"] = [], ["newtonsoft"] = [] };
        for (var run = 1; run <= options.Runs; run++)
        {
            foreach (var decoder in run % 2 == 1 ? new[] { "utf8", "newtonsoft" } : ["newtonsoft", "utf8"])
            {
                var result = Measure(payloads, decoder == "utf8"
                    ? EventSerializer.Deserialize
                    : EventSerializer.DeserializeWithNewtonsoft);
                results[decoder].Add(result);
                log.WriteLine($"  run {run}, {decoder,-10}: {result.WallRate:N0} ev/s wall, {result.CpuRate:N0} ev/s CPU, " +
                              $"{result.AllocatedPerEvent:N0} B allocated and {result.KeptPerEvent:N0} B kept per event, " +
                              $"GC pauses {result.Pause.TotalMilliseconds:N0} ms, {result.Collections} collections; load {LoadAverage()}");
            }
        }

        double Median(string decoder, Func<Result, double> value) => Stats.Median(results[decoder].Select(value).ToList());
        var table = new ResultTable("Decoding " + payloads.Length.ToString("N0", CultureInfo.InvariantCulture) + " events",
            "UTF-8 decoder", "Newtonsoft", "Ratio");
        void Row(string name, Func<Result, double> value, Func<double, string> format) =>
            table.Add(name, format(Median("utf8", value)), format(Median("newtonsoft", value)),
                Format.Ratio(Median("utf8", value) / Median("newtonsoft", value)));
        Row("Events per second (wall clock)", r => r.WallRate, Format.Rate);
        Row("Events per second (process CPU time)", r => r.CpuRate, Format.Rate);
        Row("Allocated per event", r => r.AllocatedPerEvent, Format.Bytes);
        Row("Kept per event (the decoded objects)", r => r.KeptPerEvent, Format.Bytes);
        Row("GC pauses", r => r.Pause.TotalMilliseconds, Format.Millis);
        log.WriteLine();
        log.WriteLine($"{DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC; {Environment.ProcessorCount} cores; load {LoadAverage()}; " +
                      $"medians of {options.Runs} run(s)");
        log.WriteLine();
        log.Write(table.ToString());
        return 0;
    }

    /// <summary>The benchmark is only meaningful if both decoders give the same events.</summary>
    private static void Check((string Type, byte[] Data)[] payloads)
    {
        foreach (var (type, data) in payloads)
        {
            var fast = Utf8EventDecoder.TryDecode(type, data)
                ?? throw new InvalidOperationException($"the UTF-8 decoder left a {type} payload to Newtonsoft");
            var reference = EventSerializer.DeserializeWithNewtonsoft(type, data);
            if (!fast.Equals(reference) || !EventSerializer.Serialize(fast).AsSpan().SequenceEqual(data))
            {
                throw new InvalidOperationException($"the decoders differ on a {type} payload");
            }
        }
    }

    private static Result Measure((string Type, byte[] Data)[] payloads, Func<string, ReadOnlySpan<byte>, LedgerEvent> decode)
    {
        var kept = new LedgerEvent[payloads.Length];
        var before = HeapMeter.Settled();
        var collections = GC.CollectionCount(0) + GC.CollectionCount(1) + GC.CollectionCount(2);
        var gc = GcWatch.Start();
        var allocated = GC.GetAllocatedBytesForCurrentThread();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < payloads.Length; i++)
        {
            kept[i] = decode(payloads[i].Type, payloads[i].Data);
        }

        clock.Stop();
        var cpuTime = Process.GetCurrentProcess().TotalProcessorTime - cpu;
        var allocatedBytes = GC.GetAllocatedBytesForCurrentThread() - allocated;
        var paused = gc.Stop();
        var count = GC.CollectionCount(0) + GC.CollectionCount(1) + GC.CollectionCount(2) - collections;
        var after = HeapMeter.Settled();
        GC.KeepAlive(kept);
        double n = payloads.Length;
        return new Result(n / clock.Elapsed.TotalSeconds, n / cpuTime.TotalSeconds, allocatedBytes / n, (after - before) / n,
            paused.Pause, count);
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "unknown";

    private sealed record Result(double WallRate, double CpuRate, double AllocatedPerEvent, double KeptPerEvent,
        TimeSpan Pause, int Collections);
}
