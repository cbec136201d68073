using System.Text;
using ClaimsLedger.Conformance;
using ClaimsLedger.EventStoreDb.Tests.FakeNode;
using ClaimsLedger.EventStoreDb.Wire;
using ClaimsLedger.Storage;
using static ClaimsLedger.Conformance.StoreTestData;

namespace ClaimsLedger.EventStoreDb.Tests.RecordedAt;

/// <summary>
/// recordedAt never decreases along $all, even with writers whose clocks disagree: every read reports the running
/// maximum of the written stamps, the same value for an event whichever way it is read — for events written through
/// the store; another tool's events (no envelope) are the README's stated exception.
/// </summary>
public sealed class RecordedAtTests : FakeNodeTest
{
    private static readonly DateTimeOffset Noon = new(2023, 5, 26, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public Task RecordedAt_never_decreases_along_all_when_writers_clocks_disagree() =>
        ClockSkewScenario(OpenAsync);

    /// <summary>
    /// Two stores, one clock 10 minutes ahead and one 10 minutes behind, append 40 batches concurrently: recordedAt
    /// never decreases along $all, and every read agrees. Run on the fake node here and on a real server by
    /// <see cref="RecordedAtOnRealServerTests"/>.
    /// </summary>
    internal static async Task ClockSkewScenario(Func<TimeProvider, Task<EventStoreDbEventStore>> open)
    {
        await using var ahead = await open(new SettableClock(Noon.AddMinutes(10)));
        await using var behind = await open(new SettableClock(Noon.AddMinutes(-10)));

        await Task.WhenAll(Enumerable.Range(0, 40).Select(i =>
            (i % 2 == 0 ? ahead : behind).AppendToStreamAsync(NewStream("skew"), ExpectedVersion.NoStream, Batch(2))));

        var recorded = await ahead.ReadAllForwardsAsync(GlobalPosition.Start).ToListAsync();
        Assert.Equal(80, recorded.Count);
        Assert.True(recorded.Zip(recorded.Skip(1)).All(pair => pair.First.RecordedAt <= pair.Second.RecordedAt),
            "recordedAt went backwards");
        await AssertEveryReadAgreesAsync(behind, recorded);
    }

    [Fact]
    public async Task A_writer_behind_a_concurrent_one_is_reported_at_the_later_stamp_by_every_read()
    {
        // e1; then two writers both saw e1 as the ledger head: one stamps 12:10 (e2), the other, whose clock is behind,
        // 12:05 for two events (e3, e4) committed after e2; a last writer saw e4 (reported 12:10) and stamps 12:20.
        var e1 = Inject("claim:a", Noon, null);
        var e2 = Inject("claim:b", Noon.AddMinutes(10), e1);
        var e3 = Inject("claim:c", Noon.AddMinutes(5), e1);
        var e4 = Inject("claim:c", Noon.AddMinutes(5), e1);
        Inject("claim:d", Noon.AddMinutes(20), e4);
        await using var store = await OpenAsync(TimeProvider.System);

        var all = await store.ReadAllForwardsAsync(GlobalPosition.Start).ToListAsync();

        Assert.Equal([Noon, Noon.AddMinutes(10), Noon.AddMinutes(10), Noon.AddMinutes(10), Noon.AddMinutes(20)],
            all.Select(e => e.RecordedAt));
        Assert.Equal(e2, all[1].Position);
        Assert.Equal(e3, all[2].Position);
        await AssertEveryReadAgreesAsync(store, all);
    }

    [Fact]
    public async Task An_append_reports_the_recordedAt_that_reads_give()
    {
        var clock = new SettableClock(Noon);
        await using var store = await OpenAsync(clock);
        var stream = NewStream("stamped");
        await store.AppendToStreamAsync(NewStream("first"), ExpectedVersion.NoStream, Batch(1));
        clock.Now = Noon.AddHours(-1);

        var result = await store.AppendToStreamAsync(stream, ExpectedVersion.NoStream, Batch(2));

        var read = await store.ReadStreamForwardsAsync(stream).ToListAsync();
        Assert.Equal(Noon, result.RecordedAt);
        Assert.All(read, e => Assert.Equal(Noon, e.RecordedAt));
    }

    [Fact]
    public async Task An_event_written_without_the_envelope_reads_back_at_its_creation_time_except_from_the_start()
    {
        // README's exception: another tool's event has no stamp, so it counts with the server's creation time (now),
        // which a forward read from the log's start raises to the running maximum and every other read does not.
        var future = new DateTimeOffset(2100, 1, 1, 0, 0, 0, TimeSpan.Zero);
        Inject("claim:ledger", future, null);
        Node.Log.Inject("claim:foreign", "test-happened.v1", "{\"n\":1}"u8.ToArray(), [], Guid.NewGuid());
        var foreign = Node.Log.All()[^1];
        await using var store = await OpenAsync(TimeProvider.System);

        var fromStart = await store.ReadAllForwardsAsync(GlobalPosition.Start).ToListAsync();
        var backwards = await store.ReadAllAsync(ReadDirection.Backwards, new GlobalPosition(foreign.Commit, foreign.Prepare), 1)
            .SingleAsync();
        var inStream = await store.ReadStreamForwardsAsync(new StreamName("claim:foreign")).SingleAsync();

        Assert.Equal([future, future], fromStart.Select(e => e.RecordedAt));
        Assert.True(backwards.RecordedAt < future, "a backwards read reports the foreign event's own creation time");
        Assert.Equal(backwards.RecordedAt, inStream.RecordedAt);
    }

    private static async Task AssertEveryReadAgreesAsync(IEventStore store, List<RecordedEvent> all)
    {
        var expected = all.ToDictionary(e => e.Position, e => e.RecordedAt);
        for (var i = 0; i < all.Count; i++)
        {
            var forwards = await store.ReadAllAsync(ReadDirection.Forwards, all[i].Position, 1).SingleAsync();
            var backwards = await store.ReadAllAsync(ReadDirection.Backwards, all[i].Position, 1).SingleAsync();
            Assert.Equal(expected[all[i].Position], forwards.RecordedAt);
            Assert.Equal(expected[all[i].Position], backwards.RecordedAt);
        }

        Assert.All(await store.ReadAllAsync(ReadDirection.Backwards, GlobalPosition.End, long.MaxValue).ToListAsync(),
            e => Assert.Equal(expected[e.Position], e.RecordedAt));
        foreach (var stream in all.Select(e => e.Stream).Distinct())
        {
            Assert.All(await store.ReadStreamForwardsAsync(stream).ToListAsync(), e => Assert.Equal(expected[e.Position], e.RecordedAt));
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var subscribed = await store.SubscribeToAllAsync(all[0].Position, timeout.Token).Take(all.Count - 1).ToListAsync(timeout.Token);
        Assert.All(subscribed, e => Assert.Equal(expected[e.Position], e.RecordedAt));
    }

    private GlobalPosition Inject(string stream, DateTimeOffset stamp, GlobalPosition? head)
    {
        Node.Log.Inject(stream, "test-happened.v1", Encoding.UTF8.GetBytes("{\"n\":0}"), Envelope.Write(stamp, head, "{}"u8.ToArray()),
            Guid.NewGuid());
        var record = Node.Log.All()[^1];
        return new GlobalPosition(record.Commit, record.Prepare);
    }

    private Task<EventStoreDbEventStore> OpenAsync(TimeProvider clock) =>
        EventStoreDbEventStore.OpenAsync(new EventStoreDbStoreOptions { ConnectionString = Node.ConnectionString(), Clock = clock });
}
