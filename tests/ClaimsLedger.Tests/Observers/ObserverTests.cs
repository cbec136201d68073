using ClaimsLedger.Conformance;
using ClaimsLedger.Conformance.Telemetry;
using ClaimsLedger.Events;
using ClaimsLedger.Interchange;
using ClaimsLedger.Storage;
using ClaimsLedger.Storage.InMemory;
using ClaimsLedger.Tests.Interchange;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace ClaimsLedger.Tests.Observers;

/// <summary>LedgerOptions.Observers: told once per appended batch, after the append is visible; never for nothing.</summary>
public sealed class ObserverTests
{
    private readonly FakeTimeProvider _clock = new(SampleEvents.After);

    [Fact]
    public async Task An_observer_is_told_every_appended_entry_once_in_global_order()
    {
        var observer = new RecordingObserver();
        var store = new InMemoryEventStore(_clock);
        var ledger = await OpenAsync(store, observer);

        await ledger.RecordAsync(SampleEvents.Uncontested);

        var batch = Assert.Single(observer.Batches);
        var stored = await store.ReadAllForwardsAsync(GlobalPosition.Start).ToListAsync();
        Assert.Equal(stored.Select(e => (e.Position, e.Stream, e.StreamVersion, e.RecordedAt)),
            batch.Select(e => (e.Position, e.Stream, e.StreamVersion, e.RecordedAt)));
        Assert.Equal(SampleEvents.Uncontested.ToHashSet(), batch.Select(e => e.Event).ToHashSet());
    }

    [Fact]
    public async Task Nothing_is_observed_for_a_rejected_batch()
    {
        var observer = new RecordingObserver();
        var ledger = await OpenAsync(new InMemoryEventStore(_clock), observer);

        await Assert.ThrowsAsync<LedgerValidationException>(() => ledger.RecordAsync(SampleEvents.Denial));

        Assert.Empty(observer.Batches);
    }

    [Fact]
    public async Task Nothing_is_observed_for_a_batch_the_ledger_already_held()
    {
        var observer = new RecordingObserver();
        var ledger = await OpenAsync(new InMemoryEventStore(_clock), observer);
        await ledger.RecordAsync(SampleEvents.Uncontested);

        var again = await ledger.RecordAsync(SampleEvents.Uncontested);

        Assert.Equal(0, again.Appended);
        Assert.Single(observer.Batches);
    }

    [Fact]
    public async Task Events_appended_by_another_ledger_on_the_same_store_are_not_observed()
    {
        var observer = new RecordingObserver();
        var store = new InMemoryEventStore(_clock);
        var observed = await OpenAsync(store, observer);
        var other = await Ledger.OpenAsync(store, new LedgerOptions { Clock = _clock });

        await other.RecordAsync(SampleEvents.Uncontested);
        await observed.CatchUpAsync();

        Assert.Empty(observer.Batches);
    }

    [Fact]
    public async Task A_view_built_by_an_observer_already_shows_the_appended_entries()
    {
        Ledger? ledger = null;
        bool? contested = null;
        var observer = new RecordingObserver(async entries =>
        {
            if (entries.Any(e => e.Event is StatementAsserted))
            {
                contested = (await ledger!.GetClaimAsync(SampleEvents.Claim, ledger.Now()))!.Contested;
            }
        });
        ledger = await OpenAsync(new InMemoryEventStore(_clock), observer);
        await ledger.RecordAsync(SampleEvents.Uncontested);

        await ledger.RecordAsync(SampleEvents.Assertion);

        Assert.True(contested);
    }

    [Fact]
    public async Task An_observer_may_record_to_the_ledger_it_observes()
    {
        Ledger? ledger = null;
        var observer = new RecordingObserver(async entries =>
        {
            if (entries.Any(e => e.Event is StatementDenied))
            {
                await ledger!.RecordAsync(SampleEvents.Assertion);
            }
        });
        ledger = await OpenAsync(new InMemoryEventStore(_clock), observer);

        await ledger.RecordAsync(SampleEvents.Uncontested);

        Assert.Equal(2, observer.Batches.Count);
        Assert.IsType<StatementAsserted>(Assert.Single(observer.Batches[1]).Event);
    }

    [Fact]
    public async Task A_failing_observer_is_logged_and_neither_fails_the_record_nor_stops_the_next_observer()
    {
        var logs = new LogCapture();
        var failing = new RecordingObserver(_ => throw new InvalidOperationException("observer broke"));
        var next = new RecordingObserver();
        var ledger = await Ledger.OpenAsync(new InMemoryEventStore(_clock),
            new LedgerOptions { Clock = _clock, Observers = [failing, next], LoggerFactory = logs });

        var result = await ledger.RecordAsync(SampleEvents.Uncontested);

        Assert.Equal(SampleEvents.Uncontested.Count, result.Appended);
        Assert.Single(next.Batches);
        var error = Assert.Single(logs.WithId(6));
        Assert.Equal(LogLevel.Error, error.Level);
        Assert.Equal("observer broke", error.Exception!.Message);
        Assert.Contains("positions 1 to 5", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_restored_export_is_observed_as_one_batch_of_every_restored_entry_in_global_order()
    {
        var original = await Ledger.OpenAsync(new InMemoryEventStore(_clock), new LedgerOptions { Clock = _clock });
        await original.RecordAsync(SampleEvents.Uncontested);
        _clock.Advance(TimeSpan.FromMinutes(5));
        await original.RecordAsync(SampleEvents.Assertion);
        var export = await ImportExportTests.ExportAsync(original.Store);
        var observer = new RecordingObserver();
        var store = new InMemoryEventStore(_clock);
        var restored = await OpenAsync(store, observer);

        await LedgerInterchange.ImportAsync(restored, new StringReader(export));

        var batch = Assert.Single(observer.Batches);
        var stored = await store.ReadAllForwardsAsync(GlobalPosition.Start).ToListAsync();
        Assert.Equal(6, stored.Count);
        Assert.Equal(stored.Select(e => (e.Position, e.Stream, e.StreamVersion, e.RecordedAt)),
            batch.Select(e => (e.Position, e.Stream, e.StreamVersion, e.RecordedAt)));
        Assert.Equal(SampleEvents.Uncontested.Append(SampleEvents.Assertion).ToHashSet(), batch.Select(e => e.Event).ToHashSet());
    }

    [Fact]
    public async Task A_restore_observes_only_what_it_wrote_beyond_the_prefix_the_ledger_already_held()
    {
        var original = await Ledger.OpenAsync(new InMemoryEventStore(_clock), new LedgerOptions { Clock = _clock });
        await original.RecordAsync(SampleEvents.Uncontested);
        _clock.Advance(TimeSpan.FromMinutes(5));
        await original.RecordAsync(SampleEvents.Assertion);
        var lines = (await ImportExportTests.ExportAsync(original.Store)).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var observer = new RecordingObserver();
        var restored = await OpenAsync(new InMemoryEventStore(_clock), observer);

        await LedgerInterchange.ImportAsync(restored, new StringReader(string.Join('\n', lines[..4])));
        await LedgerInterchange.ImportAsync(restored, new StringReader(string.Join('\n', lines)));
        await LedgerInterchange.ImportAsync(restored, new StringReader(string.Join('\n', lines)));

        Assert.Equal([4, 2], observer.Batches.Select(b => b.Count));
        Assert.Equal([5L, 6L], observer.Batches[1].Select(e => e.Position.ToSequence()));
    }

    [Fact]
    public async Task Nothing_is_observed_for_a_rejected_restore()
    {
        var original = await Ledger.OpenAsync(new InMemoryEventStore(_clock), new LedgerOptions { Clock = _clock });
        await original.RecordAsync(SampleEvents.Uncontested);
        var export = await ImportExportTests.ExportAsync(original.Store);
        var observer = new RecordingObserver();
        var restored = await OpenAsync(new InMemoryEventStore(_clock), observer);
        _clock.Advance(TimeSpan.FromMinutes(5));
        await restored.RecordAsync(SampleEvents.Registrations);
        var before = observer.Batches.Count;

        await Assert.ThrowsAsync<InterchangeException>(() =>
            LedgerInterchange.ImportAsync(restored, new StringReader(export)));

        Assert.Equal(before, observer.Batches.Count);
    }

    [Fact]
    public void Options_refuse_a_null_observer_or_a_null_list()
    {
        var inList = Assert.Throws<ArgumentException>(() => new LedgerOptions { Observers = [null!] }.Validate());
        var list = Assert.Throws<ArgumentException>(() => new LedgerOptions { Observers = null! }.Validate());

        Assert.Contains("LedgerOptions.Observers", inList.Message, StringComparison.Ordinal);
        Assert.Contains("LedgerOptions.Observers", list.Message, StringComparison.Ordinal);
    }

    private Task<Ledger> OpenAsync(IEventStore store, ILedgerObserver observer) =>
        Ledger.OpenAsync(store, new LedgerOptions { Clock = _clock, Observers = [observer] });
}
