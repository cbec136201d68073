using System.Diagnostics.Metrics;
using ClaimsLedger.Conformance;
using ClaimsLedger.Conformance.Telemetry;
using ClaimsLedger.Interchange;
using ClaimsLedger.Projections;
using ClaimsLedger.Storage.InMemory;
using ClaimsLedger.Telemetry;
using ClaimsLedger.Tests.Interchange;
using ClaimsLedger.Tests.Storage;
using ClaimsLedger.Views;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace ClaimsLedger.Tests.Telemetry;

/// <summary>
/// Logging through ILogger, tracing through the ClaimsLedger activity source and metrics on the ClaimsLedger meter,
/// captured with a test logger, an ActivityListener and a MeterListener.
/// </summary>
public sealed class TelemetryTests : IDisposable
{
    private readonly FakeTimeProvider _clock = new(SampleEvents.After);
    private readonly LogCapture _logs = new();
    private readonly ServiceProvider _metrics = new ServiceCollection().AddMetrics().BuildServiceProvider();

    /// <summary>A custom projection counting the entries it is given.</summary>
    private static readonly ILedgerProjection<int> EntryCount = LedgerProjection.Create(() => 0, (count, _) => count + 1);

    [Fact]
    public async Task Recording_logs_the_append_with_its_count_and_last_position()
    {
        var ledger = await OpenAsync();

        await ledger.RecordAsync(SampleEvents.Uncontested);

        var appended = Assert.Single(_logs.WithId(1));
        Assert.Equal(LogLevel.Information, appended.Level);
        Assert.Equal("ClaimsLedger.Ledger", appended.Category);
        Assert.Equal(5, appended.Values["Appended"]);
        Assert.Equal("5", appended.Values["LastPosition"]);
    }

    [Fact]
    public async Task A_rejection_is_logged_as_a_warning_with_its_error_count_and_first_error()
    {
        var ledger = await OpenAsync();

        await Assert.ThrowsAsync<LedgerValidationException>(() => ledger.RecordAsync(SampleEvents.Denial));

        var rejected = Assert.Single(_logs.WithId(3));
        Assert.Equal(LogLevel.Warning, rejected.Level);
        Assert.Equal(1, rejected.Values["Count"]);
        Assert.True((int)rejected.Values["ErrorCount"]! >= 1);
        Assert.Contains("unknown", rejected.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Recording_an_unchanged_batch_is_logged_at_debug_level_only()
    {
        var ledger = await OpenAsync();
        await ledger.RecordAsync(SampleEvents.Uncontested);

        await ledger.RecordAsync(SampleEvents.Uncontested);

        Assert.Single(_logs.WithId(1));
        Assert.Equal(LogLevel.Debug, Assert.Single(_logs.WithId(2)).Level);
    }

    [Fact]
    public async Task Recording_traces_the_record_its_append_and_its_catch_up_with_other_writers()
    {
        var store = new InMemoryEventStore(_clock);
        var other = await OpenAsync(store);
        var ledger = await OpenAsync(store);
        await other.RecordAsync(SampleEvents.Registrations);
        using var activities = new ActivityCapture();

        await ledger.RecordAsync(SampleEvents.Denial);

        var record = Assert.Single(activities.Stopped, a => a.OperationName == "ClaimsLedger.Record");
        var append = Assert.Single(activities.Stopped, a => a.OperationName == "ClaimsLedger.Append");
        Assert.Equal(record.SpanId, append.ParentSpanId);
        Assert.Equal(1, record.GetTagItem("claimsledger.appended"));
        Assert.Equal("5", record.GetTagItem("claimsledger.position.last"));
        Assert.Contains(activities.Stopped, a => a.OperationName == "ClaimsLedger.CatchUp" && a.ParentSpanId == record.SpanId);
    }

    [Fact]
    public async Task A_rejected_record_is_traced_as_an_error()
    {
        using var activities = new ActivityCapture();
        var ledger = await OpenAsync();

        await Assert.ThrowsAsync<LedgerValidationException>(() => ledger.RecordAsync(SampleEvents.Denial));

        var record = Assert.Single(activities.Stopped, a => a.OperationName == "ClaimsLedger.Record");
        Assert.Equal(System.Diagnostics.ActivityStatusCode.Error, record.Status);
    }

    [Fact]
    public async Task Every_view_build_is_traced_with_the_view_name()
    {
        using var activities = new ActivityCapture();
        var ledger = await OpenAsync();
        var now = ledger.Now();

        await ledger.GetBoardAsync(now);
        await ledger.GetClaimAsync(SampleEvents.Claim, now);
        await ledger.GetActorAsync("podolyak", now);
        await ledger.GetActorsAsync(now);
        await ledger.GetTimelineAsync(TimelineQuery.All, now);
        await ledger.DiffAsync(now, now);

        var views = activities.Stopped.Where(a => a.OperationName == "ClaimsLedger.View")
            .Select(a => a.GetTagItem(LedgerTelemetry.ViewTag));
        Assert.Equal(["board", "claim", "actor", "actors", "timeline", "diff"], views);
    }

    [Fact]
    public async Task Appends_reads_views_and_rejections_are_counted_on_the_ClaimsLedger_meter()
    {
        var factory = _metrics.GetRequiredService<IMeterFactory>();
        using var metrics = new MetricCapture(factory);
        var store = new InMemoryEventStore(_clock);
        var writer = await OpenAsync(store, factory);
        var reader = await OpenAsync(store, factory);

        await writer.RecordAsync(SampleEvents.Uncontested);
        await Assert.ThrowsAsync<LedgerValidationException>(() => writer.RecordAsync(SampleEvents.Denial with { Id = "x", Actor = "ghost" }));
        await reader.GetBoardAsync(reader.Now());
        await reader.GetBoardAsync(reader.Now());

        Assert.Equal(5, metrics.Sum(LedgerTelemetry.EventsAppendedInstrument));
        // The writer folds its own append from the append's results; only the reader reads the 5 events.
        Assert.Equal(5, metrics.Sum(LedgerTelemetry.EventsReadInstrument));
        Assert.Equal(2, metrics.Sum(LedgerTelemetry.ViewsBuiltInstrument, LedgerTelemetry.ViewTag, "board"));
        Assert.Equal(1, metrics.Sum(LedgerTelemetry.RejectionsInstrument));
        Assert.Equal(2, metrics.Count(LedgerTelemetry.RecordDurationInstrument));
        Assert.Equal(2, metrics.Count(LedgerTelemetry.ViewDurationInstrument));
    }

    [Fact]
    public async Task A_projection_is_traced_and_counted_as_a_view_build_and_its_reads_as_events_read()
    {
        var factory = _metrics.GetRequiredService<IMeterFactory>();
        using var metrics = new MetricCapture(factory);
        var ledger = await OpenAsync(meters: factory);
        await ledger.RecordAsync(SampleEvents.Uncontested);
        using var activities = new ActivityCapture();

        var count = await ledger.ProjectAsync(EntryCount, ledger.Now());

        Assert.Equal(5, count);
        var view = Assert.Single(activities.Stopped, a => a.OperationName == "ClaimsLedger.View");
        Assert.Equal("projection", view.GetTagItem(LedgerTelemetry.ViewTag));
        Assert.Equal(1, metrics.Sum(LedgerTelemetry.ViewsBuiltInstrument, LedgerTelemetry.ViewTag, "projection"));
        Assert.Equal(1, metrics.Count(LedgerTelemetry.ViewDurationInstrument));
        // The ledger folded its own append without reading it: the projection's read is the only one.
        Assert.Equal(5, metrics.Sum(LedgerTelemetry.EventsReadInstrument));
        Assert.Equal(5, metrics.Sum(LedgerTelemetry.EventsReadInstrument, LedgerTelemetry.ReadTag, "projection"));
    }

    [Fact]
    public async Task A_live_projection_counts_its_first_fold_as_a_view_build_and_every_entry_it_reads()
    {
        var factory = _metrics.GetRequiredService<IMeterFactory>();
        using var metrics = new MetricCapture(factory);
        var ledger = await OpenAsync(meters: factory);
        await ledger.RecordAsync(SampleEvents.Uncontested);
        using var activities = new ActivityCapture();
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await using var live = ledger.ProjectLiveAsync(EntryCount, cancellationToken: stop.Token).GetAsyncEnumerator(stop.Token);

        Assert.True(await live.MoveNextAsync());
        await ledger.RecordAsync(SampleEvents.Assertion);
        Assert.True(await live.MoveNextAsync());

        Assert.Equal(6, live.Current);
        var view = Assert.Single(activities.Stopped, a => a.OperationName == "ClaimsLedger.View");
        Assert.Equal("projection-live", view.GetTagItem(LedgerTelemetry.ViewTag));
        Assert.Equal(1, metrics.Sum(LedgerTelemetry.ViewsBuiltInstrument, LedgerTelemetry.ViewTag, "projection-live"));
        Assert.Equal(6, metrics.Sum(LedgerTelemetry.EventsReadInstrument, LedgerTelemetry.ReadTag, "projection"));
    }

    [Fact]
    public async Task A_claim_answered_from_its_streams_while_the_index_loads_counts_the_events_it_read()
    {
        var factory = _metrics.GetRequiredService<IMeterFactory>();
        using var metrics = new MetricCapture(factory);
        var inner = new InMemoryEventStore(_clock);
        await (await OpenAsync(inner)).RecordAsync(SampleEvents.Uncontested);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var store = new HookedStore(inner) { BeforeReadAll = () => release.Task };
        var ledger = await Ledger.OpenAsync(store,
            new LedgerOptions { Clock = _clock, LoadInBackground = true, MeterFactory = factory });

        var claim = await ledger.GetClaimAsync(SampleEvents.Claim, ledger.Now());
        release.SetResult();
        await ledger.Loaded;

        Assert.NotNull(claim);
        // The claim's stream (its registration and the denial), the denying actor's and the source's registrations.
        Assert.Equal(4, metrics.Sum(LedgerTelemetry.EventsReadInstrument, LedgerTelemetry.ReadTag, "claim-streams"));
        Assert.Equal(5, metrics.Sum(LedgerTelemetry.EventsReadInstrument, LedgerTelemetry.ReadTag, "catch-up"));
        Assert.Equal(1, metrics.Sum(LedgerTelemetry.ViewsBuiltInstrument, LedgerTelemetry.ViewTag, "claim"));
    }

    [Fact]
    public async Task A_restore_is_logged_counted_and_traced_as_a_record_is()
    {
        var factory = _metrics.GetRequiredService<IMeterFactory>();
        using var metrics = new MetricCapture(factory);
        var export = await ExportOfUncontestedAsync();
        var restored = await OpenAsync(meters: factory);
        using var activities = new ActivityCapture();

        await LedgerInterchange.ImportAsync(restored, new StringReader(export));

        var appended = Assert.Single(_logs.WithId(1));
        Assert.Equal(5, appended.Values["Appended"]);
        Assert.Equal("5", appended.Values["LastPosition"]);
        Assert.Equal(5, metrics.Sum(LedgerTelemetry.EventsAppendedInstrument));
        Assert.Equal(1, metrics.Count(LedgerTelemetry.RecordDurationInstrument));
        var restore = Assert.Single(activities.Stopped, a => a.OperationName == "ClaimsLedger.Restore");
        Assert.Equal(5, restore.GetTagItem("claimsledger.appended"));
        Assert.Equal("5", restore.GetTagItem("claimsledger.position.last"));
        var append = Assert.Single(activities.Stopped, a => a.OperationName == "ClaimsLedger.Append");
        Assert.Equal(restore.SpanId, append.ParentSpanId);
        Assert.Equal(5, append.GetTagItem("claimsledger.events"));
    }

    [Fact]
    public async Task A_rejected_restore_is_logged_as_a_warning_counted_and_traced_as_an_error()
    {
        var factory = _metrics.GetRequiredService<IMeterFactory>();
        using var metrics = new MetricCapture(factory);
        var export = await ExportOfUncontestedAsync();
        var restored = await OpenAsync(meters: factory);
        _clock.Advance(TimeSpan.FromMinutes(5));
        await restored.RecordAsync(SampleEvents.Registrations);
        using var activities = new ActivityCapture();

        await Assert.ThrowsAsync<InterchangeException>(() => LedgerInterchange.ImportAsync(restored, new StringReader(export)));

        var rejected = Assert.Single(_logs.WithId(3));
        Assert.Equal(LogLevel.Warning, rejected.Level);
        Assert.Equal(5, rejected.Values["Count"]);
        Assert.Contains("already holds a different event", rejected.Message, StringComparison.Ordinal);
        Assert.Equal(1, metrics.Sum(LedgerTelemetry.RejectionsInstrument));
        var restore = Assert.Single(activities.Stopped, a => a.OperationName == "ClaimsLedger.Restore");
        Assert.Equal(System.Diagnostics.ActivityStatusCode.Error, restore.Status);
    }

    [Fact]
    public async Task Without_a_logger_factory_or_meter_factory_the_ledger_still_works()
    {
        var ledger = await Ledger.OpenAsync(new InMemoryEventStore(_clock), new LedgerOptions { Clock = _clock });

        var result = await ledger.RecordAsync(SampleEvents.Uncontested);

        Assert.Equal(5, result.Appended);
    }

    /// <summary>An export of <see cref="SampleEvents.Uncontested"/> recorded by another ledger on this test's clock.</summary>
    private async Task<string> ExportOfUncontestedAsync()
    {
        var original = await Ledger.OpenAsync(new InMemoryEventStore(_clock), new LedgerOptions { Clock = _clock });
        await original.RecordAsync(SampleEvents.Uncontested);
        return await ImportExportTests.ExportAsync(original.Store);
    }

    public void Dispose() => _metrics.Dispose();

    private Task<Ledger> OpenAsync(InMemoryEventStore? store = null, IMeterFactory? meters = null) =>
        Ledger.OpenAsync(store ?? new InMemoryEventStore(_clock),
            new LedgerOptions { Clock = _clock, LoggerFactory = _logs, MeterFactory = meters });
}
