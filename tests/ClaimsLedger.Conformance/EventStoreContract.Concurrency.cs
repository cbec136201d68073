using System.Collections.Concurrent;
using ClaimsLedger.Storage;
using Xunit;
using static ClaimsLedger.Conformance.StoreTestData;

namespace ClaimsLedger.Conformance;

/// <summary>Subscriptions and concurrent writers and readers.</summary>
public abstract partial class EventStoreContract
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [SkippableFact]
    public async Task A_subscription_catches_up_then_receives_new_events_in_order()
    {
        await using var store = await CreateStoreAsync(Clock);
        var stream = NewStream("orders");
        var first = await store.AppendToStreamAsync(stream, ExpectedVersion.NoStream, Batch(3));
        using var timeout = new CancellationTokenSource(Patience);
        var seen = new List<int>();

        var subscription = Task.Run(async () =>
        {
            var from = await FirstPositionBefore(store, first.FirstPosition);
            await foreach (var e in store.SubscribeToAllAsync(from, timeout.Token))
            {
                if (e.Stream == stream)
                {
                    seen.Add(Number(e));
                    if (seen.Count == 6)
                    {
                        return;
                    }
                }
            }
        });
        await store.AppendToStreamAsync(stream, ExpectedVersion.Exactly(2), Batch(3, 3));
        await subscription.WaitAsync(Patience);

        Assert.Equal([0, 1, 2, 3, 4, 5], seen);
    }

    [SkippableFact]
    public async Task A_subscription_from_a_checkpoint_starts_after_it()
    {
        await using var store = await CreateStoreAsync(Clock);
        var stream = NewStream("orders");
        var appended = await store.AppendToStreamAsync(stream, ExpectedVersion.NoStream, Batch(3));
        var events = await store.ReadStreamForwardsAsync(stream).ToListAsync();
        using var timeout = new CancellationTokenSource(Patience);

        var next = await store.SubscribeToAllAsync(events[1].Position, timeout.Token)
            .FirstAsync(e => e.Stream == stream, timeout.Token);

        Assert.Equal(2, Number(next));
        Assert.Equal(appended.LastPosition, next.Position);
    }

    [SkippableFact]
    public async Task Cancelling_a_subscription_ends_it()
    {
        await using var store = await CreateStoreAsync(Clock);
        await store.AppendToStreamAsync(NewStream("orders"), ExpectedVersion.NoStream, Batch(1));
        using var cancel = new CancellationTokenSource();
        var head = await store.ReadLastAsync();

        var subscription = Task.Run(async () =>
        {
            await foreach (var unused in store.SubscribeToAllAsync(head!.Position, cancel.Token))
            {
            }
        });
        await Task.Delay(100);
        await cancel.CancelAsync();

        var ended = await Record.ExceptionAsync(() => subscription.WaitAsync(Patience));
        Assert.True(ended is null or OperationCanceledException, $"unexpected {ended}");
    }

    [SkippableFact]
    public async Task Concurrent_appends_to_one_stream_let_exactly_one_win()
    {
        await using var store = await CreateStoreAsync(Clock);
        var stream = NewStream("contested");
        await store.AppendToStreamAsync(stream, ExpectedVersion.NoStream, Batch(1));
        const int writers = 8;
        using var start = new ManualResetEventSlim();

        var attempts = Enumerable.Range(0, writers).Select(w => Task.Run(async () =>
        {
            start.Wait();
            try
            {
                await store.AppendToStreamAsync(stream, ExpectedVersion.Exactly(0), Batch(3, 100 * (w + 1)));
                return true;
            }
            catch (WrongExpectedVersionException)
            {
                return false;
            }
        })).ToArray();
        start.Set();
        var outcomes = await Task.WhenAll(attempts);

        Assert.Equal(1, outcomes.Count(won => won));
        var read = await store.ReadStreamForwardsAsync(stream).ToListAsync();
        Assert.Equal(4, read.Count);
        var winner = Array.IndexOf(outcomes, true);
        Assert.Equal([0, 100 * (winner + 1), (100 * (winner + 1)) + 1, (100 * (winner + 1)) + 2], read.Select(Number));
    }

    [SkippableFact]
    public async Task Concurrent_writers_on_different_streams_lose_nothing_and_readers_see_no_gaps()
    {
        await using var store = await CreateStoreAsync(Clock);
        const int writers = 6;
        const int appendsPerWriter = 25;
        const int total = writers * appendsPerWriter * 2;
        var streams = Enumerable.Range(0, writers).Select(w => NewStream($"writer{w}")).ToArray();
        var start = await store.ReadLastAsync();
        var from = start?.Position;
        var snapshots = new ConcurrentBag<List<GlobalPosition>>();
        // Every writer stops half-way until the reader has taken a snapshot holding some of their events, so at least
        // one snapshot is taken while writing is under way, however fast the store: none of them may finish first.
        var seenMidway = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var stop = new CancellationTokenSource();

        var reader = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                var seen = (await store.ReadAllAfterAsync(from).ToListAsync())
                    .Where(e => streams.Contains(e.Stream)).Select(e => e.Position).ToList();
                snapshots.Add(seen);
                if (seen.Count > 0)
                {
                    seenMidway.TrySetResult();
                }
            }
        });
        var writing = streams.Select(stream => Task.Run(async () =>
        {
            for (var i = 0; i < appendsPerWriter; i++)
            {
                if (i == appendsPerWriter / 2)
                {
                    await seenMidway.Task.WaitAsync(Patience);
                }

                await store.AppendToStreamAsync(stream, ExpectedVersion.Any, Batch(2, i * 2));
            }
        })).ToArray();
        try
        {
            await Task.WhenAll(writing);
        }
        finally
        {
            // The reader runs until every writer has finished (or failed).
            await stop.CancelAsync();
            await reader;
        }

        var final = (await store.ReadAllAfterAsync(from).ToListAsync()).Where(e => streams.Contains(e.Stream)).ToList();
        Assert.Equal(total, final.Count);
        Assert.Equal(final.Count, final.Select(e => e.EventId).Distinct().Count());
        Assert.True(final.Zip(final.Skip(1)).All(p => p.First.Position < p.Second.Position));
        foreach (var stream in streams)
        {
            var versions = final.Where(e => e.Stream == stream).Select(e => e.StreamVersion);
            Assert.Equal(Enumerable.Range(0, appendsPerWriter * 2).Select(v => (long)v), versions);
        }

        var positions = final.Select(e => e.Position).ToList();
        Assert.Contains(snapshots, seen => seen.Count is > 0 and < total);
        Assert.All(snapshots, seen => Assert.Equal(positions.Take(seen.Count), seen));
    }

    [SkippableFact]
    public async Task Writers_through_separate_store_objects_share_one_gap_free_order()
    {
        await using var first = await CreateStoreAsync(Clock);
        await using var second = await OpenAnotherAsync(first, Clock);
        await using var third = await OpenAnotherAsync(first, Clock);
        Skip.If(second is null || third is null, "this store has no second store object on the same storage");
        IEventStore[] writers = [first, second, third];
        var from = (await first.ReadLastAsync())?.Position;
        var streams = Enumerable.Range(0, 60).Select(i => NewStream($"w{i}")).ToArray();

        await Task.WhenAll(streams.Select((stream, i) =>
            writers[i % 3].AppendToStreamAsync(stream, ExpectedVersion.NoStream, Batch(1 + (i % 4)))));

        var read = (await first.ReadAllAfterAsync(from).ToListAsync()).Where(e => streams.Contains(e.Stream)).ToList();
        Assert.Equal(Enumerable.Range(0, 60).Sum(i => 1 + (i % 4)), read.Count);
        Assert.Equal(read.Count, read.Select(e => e.EventId).Distinct().Count());
        Assert.True(read.Zip(read.Skip(1)).All(p => p.First.Position < p.Second.Position), "positions are not in order");
        if (PositionsAreSequential)
        {
            Assert.True(read.Zip(read.Skip(1)).All(p => p.Second.Position.ToSequence() == p.First.Position.ToSequence() + 1),
                "the positions have a gap");
        }

        // Each store object reads the same order.
        foreach (var other in new[] { second, third })
        {
            Assert.Equal(read.Select(e => e.Position),
                (await other.ReadAllAfterAsync(from).ToListAsync()).Where(e => streams.Contains(e.Stream)).Select(e => e.Position));
        }
    }

    [SkippableFact]
    public async Task A_reader_of_a_stream_being_written_sees_a_contiguous_prefix()
    {
        await using var store = await CreateStoreAsync(Clock);
        var stream = NewStream("growing");
        using var stop = new CancellationTokenSource();
        var reads = new ConcurrentBag<List<long>>();

        var reader = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                reads.Add((await store.ReadStreamForwardsAsync(stream).ToListAsync()).Select(e => e.StreamVersion).ToList());
            }
        });
        for (var i = 0; i < 50; i++)
        {
            await store.AppendToStreamAsync(stream, ExpectedVersion.Any, Batch(2, i * 2));
        }

        await stop.CancelAsync();
        await reader;

        Assert.All(reads, versions =>
        {
            Assert.Equal(Enumerable.Range(0, versions.Count).Select(v => (long)v), versions);
            Assert.True(versions.Count % 2 == 0, "an append of two events was seen half-written");
        });
    }

    [SkippableFact]
    public async Task Writers_racing_on_shared_streams_through_one_store_object_are_told_the_true_version_on_each_conflict()
    {
        // One store object, so a store that remembers stream versions between appends (the SQL stores) serves every
        // writer from one memory while their appends interleave. Each writer keeps only what the store tells it: the
        // versions its appends reached, and the actual version a conflict reports. Versions only grow, so a conflict
        // that reports the version the writer expected, or one older than a version the store already confirmed to it,
        // was answered from a stale memory.
        await using var store = await CreateStoreAsync(Clock);
        var streams = Enumerable.Range(0, 3).Select(s => NewStream($"shared{s}")).ToArray();
        const int writers = 4;
        const int appendsPerWriter = 12;
        var staleAnswers = new ConcurrentBag<string>();

        var writing = Enumerable.Range(0, writers).Select(w => Task.Run(async () =>
        {
            var known = new long?[streams.Length];
            var number = 1000 * (w + 1);
            for (var i = 0; i < appendsPerWriter; i++)
            {
                // Two streams at once where the store is atomic across streams, else one.
                int[] targets = store.AtomicAcrossStreams ? [(w + i) % 3, (w + i + 1) % 3] : [(w + i) % 3];
                for (var attempt = 0; ; attempt++)
                {
                    Assert.True(attempt < 500, $"writer {w} never got append {i} through");
                    var parts = targets.Select(t => new StreamAppend(streams[t],
                        known[t] is { } v ? ExpectedVersion.Exactly(v) : ExpectedVersion.NoStream,
                        Batch(1, number))).ToArray();
                    try
                    {
                        await store.AppendAsync(parts);
                        foreach (var t in targets)
                        {
                            known[t] = (known[t] ?? -1) + 1;
                        }

                        number++;
                        break;
                    }
                    catch (WrongExpectedVersionException conflict)
                    {
                        var t = Array.IndexOf(streams, conflict.Stream);
                        if (conflict.Actual == known[t] || (conflict.Actual ?? -1) < (known[t] ?? -1))
                        {
                            staleAnswers.Add($"writer {w}, knowing {known[t]}: {conflict.Message}");
                        }

                        known[t] = conflict.Actual;
                    }
                }
            }
        })).ToArray();
        await Task.WhenAll(writing);

        Assert.Empty(staleAnswers);
        var written = 0;
        foreach (var stream in streams)
        {
            var events = await store.ReadStreamForwardsAsync(stream).ToListAsync();
            Assert.Equal(Enumerable.Range(0, events.Count).Select(v => (long)v), events.Select(e => e.StreamVersion));
            written += events.Count;
        }

        Assert.Equal(writers * appendsPerWriter * (store.AtomicAcrossStreams ? 2 : 1), written);
    }

    private static async Task<GlobalPosition?> FirstPositionBefore(IEventStore store, GlobalPosition position)
    {
        var before = await store.ReadAllAsync(ReadDirection.Backwards, position, 2).ToListAsync();
        return before.Count > 1 ? before[1].Position : null;
    }
}
