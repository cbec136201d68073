namespace ClaimsLedger.Telemetry;

/// <summary>
/// The names under which ClaimsLedger reports traces and metrics. OpenTelemetry users collect them by adding the
/// source and the meter: <c>tracing.AddSource(LedgerTelemetry.ActivitySourceName)</c>,
/// <c>metrics.AddMeter(LedgerTelemetry.MeterName)</c>. The library itself has no OpenTelemetry dependency.
/// </summary>
/// <remarks>
/// <para>Activities: <c>ClaimsLedger.Record</c> (one <c>RecordAsync</c>), <c>ClaimsLedger.Restore</c> (one
/// <c>RestoreAsync</c>, an import of an export; tagged as a record is), <c>ClaimsLedger.Append</c> (one append to the
/// store, inside a record or restore), <c>ClaimsLedger.CatchUp</c> (reading what the store holds beyond the ledger's index) and
/// <c>ClaimsLedger.View</c> (building one view; tag <c>claimsledger.view</c> says which).</para>
/// <para>Instruments: see the <c>*Instrument</c> constants. Counters count events or operations; the histograms
/// measure seconds by the ledger clock.</para>
/// </remarks>
public static class LedgerTelemetry
{
    /// <summary>The <see cref="System.Diagnostics.ActivitySource"/> name: <c>ClaimsLedger</c>.</summary>
    public const string ActivitySourceName = "ClaimsLedger";

    /// <summary>The <see cref="System.Diagnostics.Metrics.Meter"/> name: <c>ClaimsLedger</c>.</summary>
    public const string MeterName = "ClaimsLedger";

    /// <summary>Counter of events appended to the store by the ledger (unit <c>{event}</c>).</summary>
    public const string EventsAppendedInstrument = "claimsledger.events.appended";

    /// <summary>Counter of events the ledger read from its store (unit <c>{event}</c>); tag <c>claimsledger.read</c>
    /// (<see cref="ReadTag"/>) says what read them: <c>catch-up</c> (the index following the store), <c>projection</c>
    /// (custom projections, which read the store from its start) or <c>claim-streams</c> (a claim answered from its
    /// own streams while the index loads).</summary>
    public const string EventsReadInstrument = "claimsledger.events.read";

    /// <summary>Counter of views built; tag <c>claimsledger.view</c> (board, board-stream, claim, actor, actors, timeline,
    /// diff, projection, projection-live).</summary>
    public const string ViewsBuiltInstrument = "claimsledger.views.built";

    /// <summary>Counter of batches rejected as bad input; tag <c>claimsledger.errors</c> holds the error count.</summary>
    public const string RejectionsInstrument = "claimsledger.batches.rejected";

    /// <summary>Histogram of how long <c>RecordAsync</c> (or <c>RestoreAsync</c>) took, in seconds, whatever its outcome.</summary>
    public const string RecordDurationInstrument = "claimsledger.record.duration";

    /// <summary>Histogram of how long a view took to build, in seconds; tag <c>claimsledger.view</c>.</summary>
    public const string ViewDurationInstrument = "claimsledger.view.duration";

    /// <summary>The tag naming a view on activities and instruments.</summary>
    public const string ViewTag = "claimsledger.view";

    /// <summary>The tag saying what read the events counted by <see cref="EventsReadInstrument"/>.</summary>
    public const string ReadTag = "claimsledger.read";
}
