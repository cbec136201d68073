using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Runtime.CompilerServices;

namespace ClaimsLedger.Telemetry;

/// <summary>The ledger's activity source and its instruments on one meter (created once per meter).</summary>
internal sealed class LedgerInstruments
{
    private static readonly string Version =
        typeof(LedgerInstruments).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";

    private static readonly Meter SharedMeter = new(LedgerTelemetry.MeterName, Version);
    private static readonly ConditionalWeakTable<Meter, LedgerInstruments> ByMeter = [];

    private LedgerInstruments(Meter meter)
    {
        EventsAppended = meter.CreateCounter<long>(LedgerTelemetry.EventsAppendedInstrument, "{event}",
            "Events appended to the store by the ledger");
        EventsRead = meter.CreateCounter<long>(LedgerTelemetry.EventsReadInstrument, "{event}",
            "Events read from the store (catch-ups, projections, claims read from their streams)");
        ViewsBuilt = meter.CreateCounter<long>(LedgerTelemetry.ViewsBuiltInstrument, "{view}", "Views built");
        Rejections = meter.CreateCounter<long>(LedgerTelemetry.RejectionsInstrument, "{batch}",
            "Batches rejected as bad input");
        RecordDuration = meter.CreateHistogram<double>(LedgerTelemetry.RecordDurationInstrument, "s",
            "How long recording a batch took");
        ViewDuration = meter.CreateHistogram<double>(LedgerTelemetry.ViewDurationInstrument, "s",
            "How long building a view took");
    }

    /// <summary>The source of every ledger activity.</summary>
    public static ActivitySource Source { get; } = new(LedgerTelemetry.ActivitySourceName, Version);

    public Counter<long> EventsAppended { get; }

    public Counter<long> EventsRead { get; }

    public Counter<long> ViewsBuilt { get; }

    public Counter<long> Rejections { get; }

    public Histogram<double> RecordDuration { get; }

    public Histogram<double> ViewDuration { get; }

    /// <summary>The instruments on the factory's meter, or on a meter shared by every ledger without a factory.</summary>
    public static LedgerInstruments For(IMeterFactory? factory)
    {
        var meter = factory?.Create(new MeterOptions(LedgerTelemetry.MeterName) { Version = Version }) ?? SharedMeter;
        return ByMeter.GetValue(meter, created => new LedgerInstruments(created));
    }
}
