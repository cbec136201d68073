using ClaimsLedger.Storage;
using Microsoft.Extensions.Time.Testing;
using Xunit;
using static ClaimsLedger.Conformance.StoreTestData;

namespace ClaimsLedger.Conformance;

/// <summary>
/// The store contract as executable specification. Every store's test project subclasses this in a few lines;
/// the tests run unchanged against each store.
/// </summary>
/// <remarks>Tests only look at streams they create, so a store may be shared between tests.</remarks>
public abstract partial class EventStoreContract
{
    /// <summary>The store clock; starts on 26 May 2023 at noon UTC.</summary>
    protected FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2023, 5, 26, 12, 0, 0, TimeSpan.Zero));

    /// <summary>True when positions are 1, 2, 3 ... without gaps (SQL and in-memory stores).</summary>
    protected virtual bool PositionsAreSequential => true;

    /// <summary>
    /// True when the store refuses an event id already used in another stream. EventStoreDB checks ids only within
    /// the stream written (and only at the expected revision), so its store cannot see a reuse in another stream.
    /// </summary>
    protected virtual bool DetectsEventIdsReusedInOtherStreams => true;

    /// <summary>Creates a store whose recordedAt comes from <paramref name="clock"/>.</summary>
    protected abstract Task<IEventStore> CreateStoreAsync(TimeProvider clock);

    /// <summary>
    /// A second store object on the same storage as <paramref name="store"/>, as another process would open it; null
    /// when the store has no such thing (in memory).
    /// </summary>
    protected virtual Task<IEventStore?> OpenAnotherAsync(IEventStore store, TimeProvider clock) =>
        Task.FromResult<IEventStore?>(null);

    [SkippableFact]
    public async Task An_append_checks_its_expected_versions_against_what_another_writer_appended_meanwhile()
    {
        await using var store = await CreateStoreAsync(Clock);
        await using var other = await OpenAnotherAsync(store, Clock);
        Skip.If(other is null, "this store has no second store object on the same storage");
        var (grown, created) = (NewStream("grown"), NewStream("created"));
        // The first store appends to both streams (nothing to the second), so it has seen their versions: 1 and none.
        await store.AppendToStreamAsync(grown, ExpectedVersion.NoStream, Batch(2));
        await store.AppendToStreamAsync(created, ExpectedVersion.NoStream, []);

        await other.AppendToStreamAsync(grown, ExpectedVersion.Exactly(1), Batch(2, first: 2));
        await other.AppendToStreamAsync(created, ExpectedVersion.NoStream, Batch(1, first: 20));

        var stale = await Assert.ThrowsAsync<WrongExpectedVersionException>(() =>
            store.AppendToStreamAsync(grown, ExpectedVersion.Exactly(1), Batch(1, first: 4)));
        Assert.Equal(3, stale.Actual);
        var taken = await Assert.ThrowsAsync<WrongExpectedVersionException>(() =>
            store.AppendToStreamAsync(created, ExpectedVersion.NoStream, Batch(1, first: 21)));
        Assert.Equal(0, taken.Actual);
        Assert.Equal(4, (await store.AppendToStreamAsync(grown, ExpectedVersion.Exactly(3), Batch(1, first: 4))).LastVersion);
        Assert.Equal(1, (await store.AppendToStreamAsync(created, ExpectedVersion.Exactly(0), Batch(1, first: 21))).LastVersion);
        Assert.Equal([0, 1, 2, 3, 4], await store.ReadStreamForwardsAsync(grown).Select(Number).ToListAsync());
    }

    [SkippableFact]
    public async Task Append_to_a_new_stream_numbers_events_from_zero()
    {
        await using var store = await CreateStoreAsync(Clock);
        var stream = NewStream("orders");

        var result = await store.AppendToStreamAsync(stream, ExpectedVersion.NoStream, Batch(3));

        Assert.Equal(2, result.LastVersion);
        Assert.False(result.AlreadyPresent);
        var read = await store.ReadStreamForwardsAsync(stream).ToListAsync();
        Assert.Equal([0L, 1L, 2L], read.Select(e => e.StreamVersion));
        Assert.Equal([0, 1, 2], read.Select(Number));
        Assert.All(read, e => Assert.Equal(stream, e.Stream));
        Assert.Equal(result.FirstPosition, read[0].Position);
        Assert.Equal(result.LastPosition, read[^1].Position);
    }

    [SkippableFact]
    public async Task Append_with_the_expected_version_continues_the_stream()
    {
        await using var store = await CreateStoreAsync(Clock);
        var stream = NewStream("orders");
        await store.AppendToStreamAsync(stream, ExpectedVersion.NoStream, Batch(2));

        var result = await store.AppendToStreamAsync(stream, ExpectedVersion.Exactly(1), Batch(2, first: 2));

        Assert.Equal(3, result.LastVersion);
        var read = await store.ReadStreamForwardsAsync(stream).ToListAsync();
        Assert.Equal([0, 1, 2, 3], read.Select(Number));
    }

    public static TheoryData<string, int> WrongExpectations => new()
    {
        { "no stream, but it exists", 2 },
        { "revision 5, but it is at 1", 2 },
        { "revision 0, but it does not exist", 0 },
        { "stream exists, but it does not", 0 },
    };

    [SkippableTheory]
    [MemberData(nameof(WrongExpectations))]
    public async Task Append_with_a_wrong_expected_version_throws_and_writes_nothing(string expectation, int existing)
    {
        await using var store = await CreateStoreAsync(Clock);
        var stream = NewStream("orders");
        if (existing > 0)
        {
            await store.AppendToStreamAsync(stream, ExpectedVersion.NoStream, Batch(existing));
        }

        var expected = expectation switch
        {
            "no stream, but it exists" => ExpectedVersion.NoStream,
            "revision 5, but it is at 1" => ExpectedVersion.Exactly(5),
            "revision 0, but it does not exist" => ExpectedVersion.Exactly(0),
            _ => ExpectedVersion.StreamExists,
        };

        var error = await Assert.ThrowsAsync<WrongExpectedVersionException>(() =>
            store.AppendToStreamAsync(stream, expected, Batch(1, first: 100)));

        Assert.Equal(stream, error.Stream);
        Assert.Equal(expected, error.Expected);
        Assert.Equal(existing > 0 ? existing - 1 : null, error.Actual);
        Assert.Contains(stream.Value, error.Message, StringComparison.Ordinal);
        var read = await store.ReadStreamForwardsAsync(stream).ToListAsync();
        Assert.Equal(existing, read.Count);
    }

    [SkippableFact]
    public async Task Append_with_any_never_conflicts()
    {
        await using var store = await CreateStoreAsync(Clock);
        var stream = NewStream("orders");

        await store.AppendToStreamAsync(stream, ExpectedVersion.Any, Batch(1));
        var result = await store.AppendToStreamAsync(stream, ExpectedVersion.Any, Batch(1, first: 1));

        Assert.Equal(1, result.LastVersion);
    }

    [SkippableFact]
    public async Task An_empty_append_only_checks_the_version()
    {
        await using var store = await CreateStoreAsync(Clock);
        var stream = NewStream("orders");

        var onMissing = await store.AppendToStreamAsync(stream, ExpectedVersion.NoStream, []);
        await store.AppendToStreamAsync(stream, ExpectedVersion.NoStream, Batch(1));

        Assert.Null(onMissing.LastVersion);
        await Assert.ThrowsAsync<WrongExpectedVersionException>(() =>
            store.AppendToStreamAsync(stream, ExpectedVersion.NoStream, []));
        Assert.Single(await store.ReadStreamForwardsAsync(stream).ToListAsync());
    }

    [SkippableFact]
    public async Task Read_stream_forwards_and_backwards_from_a_revision_with_a_count()
    {
        await using var store = await CreateStoreAsync(Clock);
        var stream = NewStream("orders");
        await store.AppendToStreamAsync(stream, ExpectedVersion.NoStream, Batch(10));

        var forwards = await store.ReadStreamAsync(stream, ReadDirection.Forwards, 3, 4).ToListAsync();
        var backwards = await store.ReadStreamAsync(stream, ReadDirection.Backwards, 6, 3).ToListAsync();
        var lastTwo = await store.ReadStreamAsync(stream, ReadDirection.Backwards, StreamPosition.End, 2).ToListAsync();
        var pastTheEnd = await store.ReadStreamAsync(stream, ReadDirection.Forwards, 10, 5).ToListAsync();

        Assert.Equal([3, 4, 5, 6], forwards.Select(Number));
        Assert.Equal([6, 5, 4], backwards.Select(Number));
        Assert.Equal([9, 8], lastTwo.Select(Number));
        Assert.Empty(pastTheEnd);
    }

    [SkippableFact]
    public async Task Reading_a_missing_stream_yields_nothing()
    {
        await using var store = await CreateStoreAsync(Clock);

        Assert.Empty(await store.ReadStreamForwardsAsync(NewStream("missing")).ToListAsync());
        Assert.Empty(await store.ReadStreamAsync(NewStream("missing"), ReadDirection.Backwards, StreamPosition.End, 10)
            .ToListAsync());
    }

    [SkippableFact]
    public async Task Read_all_forwards_from_a_position_includes_that_position()
    {
        await using var store = await CreateStoreAsync(Clock);
        var a = NewStream("a");
        var b = NewStream("b");
        await store.AppendToStreamAsync(a, ExpectedVersion.NoStream, Batch(2));
        var second = await store.AppendToStreamAsync(b, ExpectedVersion.NoStream, Batch(2, first: 2));
        await store.AppendToStreamAsync(a, ExpectedVersion.Exactly(1), Batch(1, first: 4));

        var read = (await store.ReadAllAsync(ReadDirection.Forwards, second.FirstPosition, 100).ToListAsync())
            .Where(e => e.Stream == a || e.Stream == b)
            .ToList();

        Assert.Equal([2, 3, 4], read.Select(Number));
        Assert.Equal(second.FirstPosition, read[0].Position);
    }

    [SkippableFact]
    public async Task Read_all_backwards_from_the_end_gives_the_newest_first()
    {
        await using var store = await CreateStoreAsync(Clock);
        var stream = NewStream("orders");
        await store.AppendToStreamAsync(stream, ExpectedVersion.NoStream, Batch(5));

        var read = await store.ReadAllAsync(ReadDirection.Backwards, GlobalPosition.End, 3).ToListAsync();
        var last = await store.ReadLastAsync();

        Assert.Equal([4, 3, 2], read.Select(Number));
        Assert.Equal(read[0].Position, last!.Position);
    }

    [SkippableFact]
    public async Task Read_all_with_a_count_stops_there()
    {
        await using var store = await CreateStoreAsync(Clock);
        var stream = NewStream("orders");
        var appended = await store.AppendToStreamAsync(stream, ExpectedVersion.NoStream, Batch(5));

        var read = await store.ReadAllAsync(ReadDirection.Forwards, appended.FirstPosition, 2).ToListAsync();

        Assert.Equal([0, 1], read.Select(Number));
    }

    [SkippableFact]
    public async Task Positions_increase_strictly_in_append_order()
    {
        await using var store = await CreateStoreAsync(Clock);
        var streams = Enumerable.Range(0, 4).Select(i => NewStream($"s{i}")).ToArray();
        var results = new List<AppendResult>();
        for (var round = 0; round < 3; round++)
        {
            foreach (var stream in streams)
            {
                results.Add(await store.AppendToStreamAsync(stream, ExpectedVersion.Any, Batch(2, round * 2)));
            }
        }

        var read = (await store.ReadAllForwardsAsync(results[0].FirstPosition).ToListAsync())
            .Where(e => streams.Contains(e.Stream)).ToList();

        Assert.Equal(24, read.Count);
        Assert.True(read.Zip(read.Skip(1)).All(pair => pair.First.Position < pair.Second.Position));
        if (PositionsAreSequential)
        {
            Assert.True(read.Zip(read.Skip(1)).All(p => p.Second.Position.ToSequence() == p.First.Position.ToSequence() + 1));
        }
    }

    [SkippableFact]
    public async Task RecordedAt_comes_from_the_store_clock()
    {
        await using var store = await CreateStoreAsync(Clock);
        var stream = NewStream("orders");
        var first = Clock.GetUtcNow();
        await store.AppendToStreamAsync(stream, ExpectedVersion.NoStream, Batch(1));
        Clock.Advance(TimeSpan.FromHours(3));
        var result = await store.AppendToStreamAsync(stream, ExpectedVersion.Exactly(0), Batch(1, 1));

        var read = await store.ReadStreamForwardsAsync(stream).ToListAsync();

        Assert.Equal(first, read[0].RecordedAt);
        Assert.Equal(first.AddHours(3), read[1].RecordedAt);
        Assert.Equal(read[1].RecordedAt, result.RecordedAt);
    }

    [SkippableFact]
    public async Task RecordedAt_never_decreases_when_the_clock_goes_back()
    {
        var clock = new SettableClock(Clock.GetUtcNow());
        await using var store = await CreateStoreAsync(clock);
        var stream = NewStream("orders");
        await store.AppendToStreamAsync(stream, ExpectedVersion.NoStream, Batch(1));
        clock.Now = clock.Now.AddMinutes(-30);

        await store.AppendToStreamAsync(stream, ExpectedVersion.Exactly(0), Batch(1, 1));

        var read = await store.ReadStreamForwardsAsync(stream).ToListAsync();
        Assert.True(read[1].RecordedAt >= read[0].RecordedAt);
    }

    [SkippableFact]
    public async Task RecordedAt_never_decreases_along_positions_when_the_writers_clocks_disagree()
    {
        var now = Clock.GetUtcNow();
        await using var ahead = await CreateStoreAsync(new SettableClock(now.AddMinutes(10)));
        await using var behind = await OpenAnotherAsync(ahead, new SettableClock(now.AddMinutes(-10)));
        Skip.If(behind is null, "this store has no second store object on the same storage");
        var from = (await ahead.ReadLastAsync())?.Position;
        var (early, late) = (NewStream("early"), NewStream("late"));

        // One after the other: the writer whose clock is behind is stamped with its own time until the one ahead has
        // appended, then with the later stamp (the ledger's time does not go back).
        await behind.AppendToStreamAsync(early, ExpectedVersion.NoStream, Batch(1));
        await ahead.AppendToStreamAsync(early, ExpectedVersion.Exactly(0), Batch(1, first: 1));
        await behind.AppendToStreamAsync(late, ExpectedVersion.NoStream, Batch(1));
        // And at the same time.
        var skewed = Enumerable.Range(0, 40).Select(i => NewStream($"skew{i}")).ToArray();
        await Task.WhenAll(skewed.Select((stream, i) =>
            (i % 2 == 0 ? ahead : behind).AppendToStreamAsync(stream, ExpectedVersion.NoStream, Batch(2))));

        StreamName[] mine = [early, late, .. skewed];
        var read = (await ahead.ReadAllAfterAsync(from).ToListAsync()).Where(e => mine.Contains(e.Stream)).ToList();
        Assert.Equal(83, read.Count);
        Assert.Equal([now.AddMinutes(-10), now.AddMinutes(10), now.AddMinutes(10)], read.Take(3).Select(e => e.RecordedAt));
        Assert.True(read.Zip(read.Skip(1)).All(p => p.First.RecordedAt <= p.Second.RecordedAt),
            "recordedAt went backwards: " + string.Join(", ", read.Select(e => $"{e.Position}: {e.RecordedAt:O}")));
    }
}
