using ClaimsLedger.Conformance;
using ClaimsLedger.Storage;
using ClaimsLedger.Storage.InMemory;
using ClaimsLedger.Tests.Storage;
using Microsoft.Extensions.Time.Testing;

namespace ClaimsLedger.Tests.Recording;

/// <summary>
/// A ledger folds its own appends into its index from the append's results instead of reading them back; what it then
/// answers must be exactly what a fresh reader of the store answers, and another writer's events in between must not
/// be skipped.
/// </summary>
public sealed class OwnAppendTests
{
    private readonly FakeTimeProvider _clock = new(SampleEvents.After);

    [Fact]
    public async Task A_writer_answers_exactly_what_a_fresh_reader_of_its_store_answers()
    {
        var store = new InMemoryEventStore(_clock);
        var writer = await OpenAsync(store);

        await writer.RecordAsync(SampleEvents.Uncontested);
        _clock.Advance(TimeSpan.FromMinutes(1));
        await writer.RecordAsync(SampleEvents.Assertion);
        var reader = await OpenAsync(store);

        Assert.Equal(reader.EventCount, writer.EventCount);
        Assert.Equal((await reader.GetBoardAsync(reader.Now())).ToJson(), (await writer.GetBoardAsync(writer.Now())).ToJson());
        var asOfFirstAppend = reader.Now().WithRecorded(SampleEvents.After);
        Assert.Equal((await reader.GetBoardAsync(asOfFirstAppend)).ToJson(), (await writer.GetBoardAsync(asOfFirstAppend)).ToJson());
    }

    [Fact]
    public async Task A_writer_reads_back_another_writers_append_that_came_in_between_its_own()
    {
        var store = new InMemoryEventStore(_clock);
        var first = await OpenAsync(store);
        var second = await OpenAsync(store);
        await first.RecordAsync(SampleEvents.Uncontested);
        await second.RecordAsync(SampleEvents.Assertion);

        // The first writer's index ends before the second writer's event; its next append lands after it.
        var result = await first.RecordAsync(SampleEvents.Assertion with { Id = "mod-blames-kyiv-again" });

        var stored = await store.ReadAllForwardsAsync(GlobalPosition.Start).ToListAsync();
        Assert.Equal(stored.Count, first.EventCount);
        Assert.Equal(stored[^1].Position, result.LastPosition);
        var claim = await first.GetClaimAsync(SampleEvents.Claim, first.Now());
        Assert.NotNull(claim);
        Assert.True(claim.Contested);
    }

    [Fact]
    public async Task An_append_that_lands_after_another_writers_event_reads_that_event_back()
    {
        var inner = new InMemoryEventStore(_clock);
        var other = await OpenAsync(inner);
        var store = new HookedStore(inner);
        var writer = await OpenAsync(store);
        await writer.RecordAsync(SampleEvents.Uncontested);

        // Between the writer's catch-up and its append, another writer appends: the positions no longer follow on.
        store.BeforeNextAppend = () => other.RecordAsync(SampleEvents.Assertion);
        await writer.RecordAsync(SampleEvents.Assertion with { Id = "mod-blames-kyiv-again" });

        var stored = await inner.ReadAllForwardsAsync(GlobalPosition.Start).ToListAsync();
        Assert.Equal(7, stored.Count);
        Assert.Equal(stored.Count, writer.EventCount);
        var reader = await OpenAsync(inner);
        Assert.Equal((await reader.GetBoardAsync(reader.Now())).ToJson(), (await writer.GetBoardAsync(writer.Now())).ToJson());
        var timeline = await writer.GetTimelineAsync(ClaimsLedger.Views.TimelineQuery.All, writer.Now());
        Assert.Equal(3, timeline.Entries.Count);
    }

    private Task<Ledger> OpenAsync(IEventStore store) =>
        Ledger.OpenAsync(store, new LedgerOptions { Clock = _clock });
}
