using System.Collections.Concurrent;
using System.Diagnostics;
using ClaimsLedger.Telemetry;

namespace ClaimsLedger.Benchmarks.Measurement;

/// <summary>
/// Adds up the durations of the ledger's own activities (<c>ClaimsLedger.Record</c>, <c>.Append</c>, <c>.CatchUp</c>)
/// while it is alive: a split of where a record's time goes, without touching the library.
/// </summary>
/// <remarks>Listening makes the ledger create activities; that costs microseconds per batch, so this is used for the
/// appends (thousands of events per activity), never around the microsecond queries.</remarks>
internal sealed class ActivityTimer : IDisposable
{
    private readonly ActivityListener _listener;
    private readonly ConcurrentDictionary<string, long> _ticks = new(StringComparer.Ordinal);

    public ActivityTimer()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == LedgerTelemetry.ActivitySourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllData,
            ActivityStopped = activity => _ticks.AddOrUpdate(activity.OperationName, activity.Duration.Ticks,
                (_, sum) => sum + activity.Duration.Ticks),
        };
        ActivitySource.AddActivityListener(_listener);
    }

    /// <summary>Total time spent in activities named <paramref name="operation"/> (e.g. ClaimsLedger.Append).</summary>
    public TimeSpan this[string operation] =>
        TimeSpan.FromTicks(_ticks.TryGetValue(operation, out var ticks) ? ticks : 0);

    public void Dispose() => _listener.Dispose();
}
