using System.Diagnostics;
using ClaimsLedger.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ClaimsLedger.Telemetry;

/// <summary>One ledger's logging, tracing and metrics, so the ledger's code says what happened in one line.</summary>
internal sealed class LedgerDiagnostics(LedgerOptions options)
{
    private readonly ILogger _logger = (options.LoggerFactory ?? NullLoggerFactory.Instance).CreateLogger<Ledger>();
    private readonly LedgerInstruments _instruments = LedgerInstruments.For(options.MeterFactory);
    private readonly TimeProvider _clock = options.Clock;

    public long Timestamp() => _clock.GetTimestamp();

    /// <summary>Starts the activity of a record, or of a restore (an import of an export), which is reported alike.</summary>
    public Activity? StartRecord(int count, bool restore = false)
    {
        var activity = LedgerInstruments.Source.StartActivity(restore ? "ClaimsLedger.Restore" : "ClaimsLedger.Record");
        activity?.SetTag("claimsledger.batch.size", count);
        return activity;
    }

    public void Recorded(Activity? activity, RecordResult result, long started)
    {
        _instruments.RecordDuration.Record(_clock.GetElapsedTime(started).TotalSeconds);
        activity?.SetTag("claimsledger.appended", result.Appended);
        activity?.SetTag("claimsledger.unchanged", result.Unchanged);
        if (result.LastPosition is { } last)
        {
            _instruments.EventsAppended.Add(result.Appended);
            activity?.SetTag("claimsledger.position.last", last.ToString());
            LedgerLog.Appended(_logger, result.Appended, result.Unchanged, last.ToString());
        }
        else
        {
            LedgerLog.Unchanged(_logger, result.Unchanged);
        }
    }

    public void RecordFailed(Activity? activity, int count, Exception error, long started)
    {
        _instruments.RecordDuration.Record(_clock.GetElapsedTime(started).TotalSeconds);
        Failed(activity, error);
        if (error is LedgerValidationException rejected)
        {
            _instruments.Rejections.Add(1, new KeyValuePair<string, object?>("claimsledger.errors", rejected.Errors.Count));
            LedgerLog.Rejected(_logger, count, rejected.Errors.Count,
                rejected.Errors.Count > 0 ? rejected.Errors[0].ToString() : "-");
        }
        else if (error is not OperationCanceledException)
        {
            LedgerLog.RecordFailed(_logger, error, count);
        }
    }

    public void Retrying(int attempt, int retries) => LedgerLog.Retrying(_logger, attempt + 1, retries);

    public Activity? StartAppend(IReadOnlyList<StreamAppend> appends) =>
        StartAppend(appends.Count, appends.Sum(a => a.Events.Count));

    public Activity? StartAppend(int streams, int events)
    {
        var activity = LedgerInstruments.Source.StartActivity("ClaimsLedger.Append");
        activity?.SetTag("claimsledger.streams", streams);
        activity?.SetTag("claimsledger.events", events);
        return activity;
    }

    public static void Failed(Activity? activity, Exception error)
    {
        activity?.SetStatus(ActivityStatusCode.Error, error.Message);
        activity?.AddException(error);
    }

    public void SnapshotLoaded(Snapshots.SnapshotLoad load)
    {
        if (load.Outcome == Snapshots.SnapshotOutcome.Used)
        {
            LedgerLog.SnapshotLoaded(_logger, load.Events, load.Position?.ToString() ?? "-");
        }
        else if (load.Outcome == Snapshots.SnapshotOutcome.Rejected)
        {
            LedgerLog.SnapshotRejected(_logger, load.Reason ?? "-");
        }
    }

    public void SnapshotSaved(Snapshots.SnapshotSaved saved) =>
        LedgerLog.SnapshotSaved(_logger, saved.Events, saved.Position.ToString(), saved.Bytes);

    public static Activity? StartCatchUp() => LedgerInstruments.Source.StartActivity("ClaimsLedger.CatchUp");

    public void CaughtUp(Activity? activity, long count, GlobalPosition? position)
    {
        activity?.SetTag("claimsledger.events", count);
        if (count > 0)
        {
            Read(count, "catch-up");
            LedgerLog.CaughtUp(_logger, count, position?.ToString() ?? "-");
        }
    }

    /// <summary>Counts events read from the store, tagged with what read them (<see cref="LedgerTelemetry.ReadTag"/>):
    /// catch-up, projection, claim-streams.</summary>
    public void Read(long count, string reader)
    {
        if (count > 0)
        {
            _instruments.EventsRead.Add(count, new KeyValuePair<string, object?>(LedgerTelemetry.ReadTag, reader));
        }
    }

    public static Activity? StartView(string view)
    {
        var activity = LedgerInstruments.Source.StartActivity("ClaimsLedger.View");
        activity?.SetTag(LedgerTelemetry.ViewTag, view);
        return activity;
    }

    public void ViewBuilt(string view, long started)
    {
        var tag = new KeyValuePair<string, object?>(LedgerTelemetry.ViewTag, view);
        _instruments.ViewsBuilt.Add(1, tag);
        _instruments.ViewDuration.Record(_clock.GetElapsedTime(started).TotalSeconds, tag);
    }

    public void ObserverFailed(ILedgerObserver observer, IReadOnlyList<LedgerEntry> entries, Exception error) =>
        LedgerLog.ObserverFailed(_logger, error, observer.GetType().FullName ?? observer.GetType().Name,
            entries[0].Position.ToString(), entries[^1].Position.ToString());
}
