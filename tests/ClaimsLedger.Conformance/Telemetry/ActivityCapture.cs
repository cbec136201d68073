using System.Collections.Concurrent;
using System.Diagnostics;
using ClaimsLedger.Telemetry;

namespace ClaimsLedger.Conformance.Telemetry;

/// <summary>
/// Records the ClaimsLedger activities started inside one test: the test runs under <see cref="Root"/>, and only
/// activities of its trace are kept, so tests running in parallel do not see each other's.
/// </summary>
public sealed class ActivityCapture : IDisposable
{
    private static readonly ActivitySource TestSource = new("ClaimsLedger.Tests");
    private readonly ConcurrentQueue<Activity> _stopped = new();
    private readonly ActivityListener _listener;
    private readonly Activity? _root;

    public ActivityCapture()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name is LedgerTelemetry.ActivitySourceName or "ClaimsLedger.Tests",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                if (_root is { } root && activity.TraceId == root.TraceId && activity != root)
                {
                    _stopped.Enqueue(activity);
                }
            },
        };
        ActivitySource.AddActivityListener(_listener);
        _root = TestSource.StartActivity("test")!;
    }

    /// <summary>The test's own activity; every ledger activity of the test is below it.</summary>
    public Activity Root => _root!;

    /// <summary>The ledger activities of this test that have ended, in the order they ended.</summary>
    public IReadOnlyList<Activity> Stopped => [.. _stopped];

    public void Dispose()
    {
        Root.Dispose();
        _listener.Dispose();
    }
}
