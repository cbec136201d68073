using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using ClaimsLedger.Telemetry;

namespace ClaimsLedger.Conformance.Telemetry;

/// <summary>
/// Records the measurements of the ClaimsLedger meter created by one meter factory (the one a test gives its ledger),
/// so tests running in parallel do not see each other's.
/// </summary>
public sealed class MetricCapture : IDisposable
{
    private readonly ConcurrentQueue<(string Instrument, double Value, IReadOnlyDictionary<string, object?> Tags)> _measurements = new();
    private readonly MeterListener _listener = new();

    public MetricCapture(IMeterFactory factory)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == LedgerTelemetry.MeterName && instrument.Meter.Scope == factory)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Add(instrument, value, tags));
        _listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Add(instrument, value, tags));
        _listener.Start();
    }

    /// <summary>The sum of an instrument's measurements, optionally only those with a tag value.</summary>
    public double Sum(string instrument, string? tag = null, object? value = null) =>
        _measurements.Where(m => m.Instrument == instrument
                                 && (tag is null || (m.Tags.TryGetValue(tag, out var v) && Equals(v, value))))
            .Sum(m => m.Value);

    /// <summary>How many measurements an instrument took.</summary>
    public int Count(string instrument) => _measurements.Count(m => m.Instrument == instrument);

    public void Dispose() => _listener.Dispose();

    private void Add(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags) =>
        _measurements.Enqueue((instrument.Name, value, tags.ToArray().ToDictionary(t => t.Key, t => t.Value)));
}
