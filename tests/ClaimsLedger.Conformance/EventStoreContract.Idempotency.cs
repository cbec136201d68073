using System.Text;
using ClaimsLedger.Storage;
using Xunit;
using static ClaimsLedger.Conformance.StoreTestData;

namespace ClaimsLedger.Conformance;

/// <summary>Idempotent event ids and atomic multi-stream appends.</summary>
public abstract partial class EventStoreContract
{
    [SkippableFact]
    public async Task Appending_the_same_events_again_changes_nothing()
    {
        await using var store = await CreateStoreAsync(Clock);
        var stream = NewStream("orders");
        var events = Batch(3);
        var first = await store.AppendToStreamAsync(stream, ExpectedVersion.NoStream, events);
        Clock.Advance(TimeSpan.FromMinutes(5));

        var again = await store.AppendToStreamAsync(stream, ExpectedVersion.NoStream, events);

        Assert.True(again.AlreadyPresent);
        Assert.Equal(first.FirstPosition, again.FirstPosition);
        Assert.Equal(first.LastPosition, again.LastPosition);
        Assert.Equal(first.RecordedAt, again.RecordedAt);
        Assert.Equal(3, (await store.ReadStreamForwardsAsync(stream).ToListAsync()).Count);
    }

    [SkippableFact]
    public async Task Appending_a_large_batch_again_changes_nothing()
    {
        await using var store = await CreateStoreAsync(Clock);
        var stream = NewStream("bulk");
        var events = Batch(200);
        var first = await store.AppendToStreamAsync(stream, ExpectedVersion.NoStream, events);

        var again = await store.AppendToStreamAsync(stream, ExpectedVersion.NoStream, events);
        var anyVersion = await store.AppendToStreamAsync(stream, ExpectedVersion.Any, events);

        Assert.True(again.AlreadyPresent);
        Assert.True(anyVersion.AlreadyPresent);
        Assert.Equal(first.LastPosition, anyVersion.LastPosition);
        Assert.Equal(200, (await store.ReadStreamForwardsAsync(stream).ToListAsync()).Count);
    }

    [SkippableFact]
    public async Task A_large_append_reusing_one_stored_id_with_other_content_writes_nothing()
    {
        await using var store = await CreateStoreAsync(Clock);
        var stream = NewStream("bulk");
        var stored = Event(150);
        await store.AppendToStreamAsync(stream, ExpectedVersion.NoStream, [stored]);
        var events = Batch(200, 1000).ToList();
        events[150] = stored with { Data = Encoding.UTF8.GetBytes("{\"n\":-1}") };

        var error = await Assert.ThrowsAsync<DuplicateEventException>(() =>
            store.AppendToStreamAsync(stream, ExpectedVersion.Exactly(0), events));

        Assert.Equal(stored.EventId, error.EventId);
        Assert.Equal([150], (await store.ReadStreamForwardsAsync(stream).ToListAsync()).Select(Number));
    }

    [SkippableFact]
    public async Task Reusing_an_event_id_with_different_content_is_rejected()
    {
        await using var store = await CreateStoreAsync(Clock);
        var stream = NewStream("orders");
        var original = Event(1);
        await store.AppendToStreamAsync(stream, ExpectedVersion.NoStream, [original]);

        var changed = original with { Data = Encoding.UTF8.GetBytes("{\"n\":2}") };
        var error = await Assert.ThrowsAsync<DuplicateEventException>(() =>
            store.AppendToStreamAsync(stream, ExpectedVersion.Any, [changed]));

        Assert.Equal(original.EventId, error.EventId);
        Assert.Contains(original.EventId.ToString(), error.Message, StringComparison.Ordinal);
        Assert.Equal([1], (await store.ReadStreamForwardsAsync(stream).ToListAsync()).Select(Number));
    }

    [SkippableFact]
    public async Task Reusing_an_event_id_in_another_stream_is_rejected()
    {
        Skip.IfNot(DetectsEventIdsReusedInOtherStreams,
            "this store checks event ids only within the stream written (EventStoreDB has no cross-stream id check)");
        await using var store = await CreateStoreAsync(Clock);
        var first = NewStream("first");
        var second = NewStream("second");
        var e = Event(1);
        await store.AppendToStreamAsync(first, ExpectedVersion.NoStream, [e]);

        await Assert.ThrowsAsync<DuplicateEventException>(() =>
            store.AppendToStreamAsync(second, ExpectedVersion.NoStream, [e]));

        Assert.Empty(await store.ReadStreamForwardsAsync(second).ToListAsync());
    }

    [SkippableFact]
    public async Task Mixing_stored_and_new_events_in_one_append_is_rejected()
    {
        await using var store = await CreateStoreAsync(Clock);
        var stream = NewStream("orders");
        var stored = Event(1);
        await store.AppendToStreamAsync(stream, ExpectedVersion.NoStream, [stored]);

        await Assert.ThrowsAsync<DuplicateEventException>(() =>
            store.AppendToStreamAsync(stream, ExpectedVersion.Exactly(0), [stored, Event(2)]));

        Assert.Single(await store.ReadStreamForwardsAsync(stream).ToListAsync());
    }

    [SkippableFact]
    public async Task An_append_naming_one_stream_twice_is_refused()
    {
        await using var store = await CreateStoreAsync(Clock);
        var stream = NewStream("orders");

        await Assert.ThrowsAsync<ArgumentException>(() => store.AppendAsync(
        [
            new StreamAppend(stream, ExpectedVersion.Any, Batch(1)),
            new StreamAppend(stream, ExpectedVersion.Any, Batch(1, 1)),
        ]));
    }

    // Every store, atomic across streams or not: IEventWriter.AppendAsync checks every expected version before it writes
    // anything. (What only an atomic store can promise, a later stream failing after the check because another writer got
    // in first, is not staged here.)
    [SkippableFact]
    public async Task A_multi_stream_append_whose_later_stream_is_not_at_its_expected_version_writes_nothing()
    {
        await using var store = await CreateStoreAsync(Clock);
        var a = NewStream("a");
        var b = NewStream("b");
        await store.AppendToStreamAsync(b, ExpectedVersion.NoStream, Batch(1));

        await Assert.ThrowsAsync<WrongExpectedVersionException>(() => store.AppendAsync(
        [
            new StreamAppend(a, ExpectedVersion.NoStream, Batch(2, 10)),
            new StreamAppend(b, ExpectedVersion.NoStream, Batch(2, 20)),
        ]));

        Assert.Empty(await store.ReadStreamForwardsAsync(a).ToListAsync());
        Assert.Single(await store.ReadStreamForwardsAsync(b).ToListAsync());
    }

    // Every store: which parts are exact repeats is decided before anything is written.
    [SkippableFact]
    public async Task A_multi_stream_append_repeating_one_stream_writes_only_the_new_one()
    {
        await using var store = await CreateStoreAsync(Clock);
        var repeated = NewStream("repeated");
        var fresh = NewStream("fresh");
        var stored = Batch(2, 10);
        var first = await store.AppendToStreamAsync(repeated, ExpectedVersion.NoStream, stored);

        var results = await store.AppendAsync(
        [
            new StreamAppend(fresh, ExpectedVersion.NoStream, Batch(2, 20)),
            new StreamAppend(repeated, ExpectedVersion.NoStream, stored),
        ]);

        Assert.False(results[0].AlreadyPresent);
        Assert.True(results[1].AlreadyPresent);
        Assert.Equal(first.FirstPosition, results[1].FirstPosition);
        Assert.Equal([20, 21], (await store.ReadStreamForwardsAsync(fresh).ToListAsync()).Select(Number));
        Assert.Equal([10, 11], (await store.ReadStreamForwardsAsync(repeated).ToListAsync()).Select(Number));
    }

    [SkippableFact]
    public async Task A_multi_stream_append_writes_every_stream_in_order()
    {
        await using var store = await CreateStoreAsync(Clock);
        var a = NewStream("a");
        var b = NewStream("b");

        var results = await store.AppendAsync(
        [
            new StreamAppend(a, ExpectedVersion.NoStream, Batch(2, 10)),
            new StreamAppend(b, ExpectedVersion.NoStream, Batch(2, 20)),
        ]);

        Assert.Equal(2, results.Count);
        Assert.Equal(a, results[0].Stream);
        Assert.Equal(1, results[1].LastVersion);
        Assert.True(results[0].LastPosition < results[1].FirstPosition);
        var all = (await store.ReadAllForwardsAsync(results[0].FirstPosition).ToListAsync())
            .Where(e => e.Stream == a || e.Stream == b);
        Assert.Equal([10, 11, 20, 21], all.Select(Number));
    }

    [SkippableFact]
    public async Task Metadata_and_event_ids_round_trip()
    {
        await using var store = await CreateStoreAsync(Clock);
        var stream = NewStream("orders");
        var e = Event(7) with { Metadata = Encoding.UTF8.GetBytes("{\"correlationId\":\"abc\"}") };

        await store.AppendToStreamAsync(stream, ExpectedVersion.NoStream, [e]);

        var read = Assert.Single(await store.ReadStreamForwardsAsync(stream).ToListAsync());
        Assert.Equal(e.EventId, read.EventId);
        Assert.Equal(e.Type, read.Type);
        Assert.Equal("{\"correlationId\":\"abc\"}", Encoding.UTF8.GetString(read.Metadata.Span));
    }

    [SkippableFact]
    public async Task An_append_with_a_cancelled_token_writes_nothing()
    {
        await using var store = await CreateStoreAsync(Clock);
        var stream = NewStream("orders");
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            store.AppendToStreamAsync(stream, ExpectedVersion.NoStream, Batch(1), cancelled.Token));

        Assert.Empty(await store.ReadStreamForwardsAsync(stream).ToListAsync());
    }

    [SkippableFact]
    public async Task Large_events_and_unicode_round_trip_byte_for_byte()
    {
        await using var store = await CreateStoreAsync(Clock);
        var stream = NewStream("большой-流-🚀");
        var text = "Подоляк: “nothing to do with it” — 中文 — emoji 🛰️ — " + new string('x', 1_048_576);
        var payload = Encoding.UTF8.GetBytes("{\"text\":\"" + text + "\"}");
        var e = new EventData(Guid.NewGuid(), "test-large.v1", payload, Encoding.UTF8.GetBytes("{\"note\":\"ünïcødé\"}"));

        await store.AppendToStreamAsync(stream, ExpectedVersion.NoStream, [e]);

        var read = Assert.Single(await store.ReadStreamForwardsAsync(stream).ToListAsync());
        Assert.Equal(stream, read.Stream);
        Assert.True(payload.AsSpan().SequenceEqual(read.Data.Span));
        Assert.Equal("{\"note\":\"ünïcødé\"}", Encoding.UTF8.GetString(read.Metadata.Span));
    }

    [SkippableFact]
    public async Task Stream_names_and_types_with_quotes_and_sql_keywords_are_kept_verbatim()
    {
        await using var store = await CreateStoreAsync(Clock);
        var stream = new StreamName($"claim:'); DROP TABLE events; -- \"{Guid.NewGuid():N}\" OR 1=1; SELECT * FROM x");
        var e = Event(1, type: "it's \"quoted\"; DELETE FROM events;");

        await store.AppendToStreamAsync(stream, ExpectedVersion.NoStream, [e]);

        var read = Assert.Single(await store.ReadStreamForwardsAsync(stream).ToListAsync());
        Assert.Equal(stream.Value, read.Stream.Value);
        Assert.Equal(e.Type, read.Type);
    }
}
