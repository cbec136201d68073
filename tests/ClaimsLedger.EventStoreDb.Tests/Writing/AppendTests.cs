using ClaimsLedger.EventStoreDb.Tests.FakeNode;
using ClaimsLedger.Storage;
using static ClaimsLedger.Conformance.StoreTestData;

namespace ClaimsLedger.EventStoreDb.Tests.Writing;

/// <summary>What appends guarantee on EventStoreDB beyond the conformance suite: repeats, races, non-atomic batches.</summary>
public sealed class AppendTests : FakeNodeTest
{
    [Fact]
    public async Task A_retry_from_another_process_is_recognised_as_already_present()
    {
        await using var first = await EventStoreDbEventStore.OpenAsync(Node.ConnectionString());
        await using var second = await EventStoreDbEventStore.OpenAsync(Node.ConnectionString());
        var stream = NewStream("retried");
        var events = Batch(3);
        var written = await first.AppendToStreamAsync(stream, ExpectedVersion.NoStream, events);

        var again = await second.AppendToStreamAsync(stream, ExpectedVersion.Any, events);

        Assert.True(again.AlreadyPresent);
        Assert.Equal((written.FirstPosition, written.LastPosition, written.RecordedAt),
            (again.FirstPosition, again.LastPosition, again.RecordedAt));
        Assert.Equal(3, await second.ReadStreamForwardsAsync(stream).CountAsync());
    }

    [Fact]
    public async Task A_conflict_on_a_later_stream_names_the_streams_already_written()
    {
        await using var store = await EventStoreDbEventStore.OpenAsync(Node.ConnectionString());
        var a = NewStream("a");
        var b = NewStream("b");
        await store.AppendToStreamAsync(b, ExpectedVersion.NoStream, Batch(1));
        // Another writer appends to b after every check passed, while a is being written.
        Node.Settings.OnAppend = stream =>
        {
            if (stream == a.Value)
            {
                Node.Log.Inject(b.Value, "test-happened.v1", "{\"n\":99}"u8.ToArray(), [], Guid.NewGuid());
            }
        };

        var error = await Assert.ThrowsAsync<WrongExpectedVersionException>(() => store.AppendAsync(
        [
            new StreamAppend(a, ExpectedVersion.NoStream, Batch(2, 10)),
            new StreamAppend(b, ExpectedVersion.Exactly(0), Batch(2, 20)),
        ]));

        Assert.Equal(b, error.Stream);
        Assert.Equal(1, error.Actual);
        Assert.Contains($"the same append already wrote '{a}'", error.Message, StringComparison.Ordinal);
        Assert.Equal([10, 11], await store.ReadStreamForwardsAsync(a).Select(Number).ToListAsync());
        Assert.Equal([0, 99], await store.ReadStreamForwardsAsync(b).Select(Number).ToListAsync());
    }

    [Fact]
    public async Task An_append_too_large_on_a_later_stream_names_the_streams_already_written()
    {
        Node.Settings.MaxAppendSize = 1000;
        await using var store = await EventStoreDbEventStore.OpenAsync(Node.ConnectionString());
        var a = NewStream("small");
        var b = NewStream("large");

        var error = await Assert.ThrowsAsync<AppendTooLargeException>(() => store.AppendAsync(
        [
            new StreamAppend(a, ExpectedVersion.NoStream, Batch(1)),
            new StreamAppend(b, ExpectedVersion.NoStream, [new EventData(Guid.NewGuid(), "test-large.v1", new byte[2000], "{}"u8.ToArray())]),
        ]));

        Assert.Equal((b, 1000L), (error.Stream, error.Limit));
        Assert.EndsWith($"nothing was written to it, but the same append already wrote '{a}' (EventStoreDB appends stream " +
                        "by stream: those stay written, and retrying the append with the same events records the rest)",
            error.Message, StringComparison.Ordinal);
        Assert.Single(await store.ReadStreamForwardsAsync(a).ToListAsync());
        Assert.Empty(await store.ReadStreamForwardsAsync(b).ToListAsync());
    }

    [Fact]
    public async Task A_stream_tombstoned_while_an_earlier_stream_is_written_names_the_streams_already_written()
    {
        await using var store = await EventStoreDbEventStore.OpenAsync(Node.ConnectionString());
        var a = NewStream("first");
        var b = NewStream("second");
        var c = NewStream("third");
        Node.Settings.OnAppend = stream =>
        {
            if (stream == b.Value)
            {
                Node.Log.Tombstone(c.Value);
            }
        };

        var error = await Assert.ThrowsAsync<StreamDeletedException>(() => store.AppendAsync(
        [
            new StreamAppend(a, ExpectedVersion.NoStream, Batch(1)),
            new StreamAppend(b, ExpectedVersion.NoStream, Batch(1)),
            new StreamAppend(c, ExpectedVersion.NoStream, Batch(1)),
        ]));

        Assert.Equal(c, error.Stream);
        Assert.Contains($"stream '{c}' was deleted (tombstoned)", error.Message, StringComparison.Ordinal);
        Assert.Contains($"nothing was written to it, but the same append already wrote '{a}', '{b}'", error.Message,
            StringComparison.Ordinal);
        Assert.IsType<StreamDeletedException>(error.InnerException);
        Assert.Single(await store.ReadStreamForwardsAsync(b).ToListAsync());
    }

    [Fact]
    public async Task A_cluster_that_loses_its_leader_midway_gives_a_not_leader_error_naming_the_streams_already_written()
    {
        await using var other = await FakeEventStoreNode.StartAsync(log: Node.Log);
        await using var store = await EventStoreDbEventStore.OpenAsync(Node.ConnectionString());
        var a = NewStream("before-election");
        var b = NewStream("after-election");
        Node.Settings.OnAppend = stream =>
        {
            if (stream == a.Value)
            {
                // The write of a commits; from then on each node names the other as leader.
                Node.Settings.Leader = ("127.0.0.1", other.Port);
                other.Settings.Leader = ("127.0.0.1", Node.Port);
            }
        };

        var error = await Assert.ThrowsAsync<NotLeaderException>(() => store.AppendAsync(
        [
            new StreamAppend(a, ExpectedVersion.NoStream, Batch(1)),
            new StreamAppend(b, ExpectedVersion.NoStream, Batch(1)),
        ]));

        Assert.Contains($"nothing was written by this call, but the same append already wrote '{a}'", error.Message,
            StringComparison.Ordinal);
        Assert.Single(Node.Log.All(), r => r.Stream == a.Value);
        Assert.DoesNotContain(Node.Log.All(), r => r.Stream == b.Value);
    }

    [Fact]
    public async Task A_failure_of_the_first_stream_still_says_nothing_was_written()
    {
        Node.Settings.MaxAppendSize = 1000;
        await using var store = await EventStoreDbEventStore.OpenAsync(Node.ConnectionString());

        var error = await Assert.ThrowsAsync<AppendTooLargeException>(() => store.AppendAsync(
        [
            new StreamAppend(NewStream("large"), ExpectedVersion.NoStream,
                [new EventData(Guid.NewGuid(), "test-large.v1", new byte[2000], "{}"u8.ToArray())]),
            new StreamAppend(NewStream("small"), ExpectedVersion.NoStream, Batch(1)),
        ]));

        Assert.EndsWith("; nothing was written", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_event_over_the_grpc_message_limit_is_too_large_and_nothing_is_written()
    {
        Node.Settings.MaxAppendSize = 32 * 1024 * 1024; // so only the message limit (about 16 MiB, sheet §9) is in the way
        await using var store = await EventStoreDbEventStore.OpenAsync(Node.ConnectionString());
        var stream = NewStream("huge");

        var error = await Assert.ThrowsAsync<AppendTooLargeException>(() => store.AppendToStreamAsync(stream,
            ExpectedVersion.NoStream, [new EventData(Guid.NewGuid(), "test-large.v1", new byte[16 * 1024 * 1024], "{}"u8.ToArray())]));

        Assert.Contains($"the append to '{stream}' cannot be sent to EventStoreDB at 127.0.0.1:{Node.Port}: event ", error.Message,
            StringComparison.Ordinal);
        Assert.Contains("bytes as a gRPC message, over the 16767216 bytes a server receives", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Node.Service.Calls, call => call.Method == "Append"); // found before sending
        Assert.EndsWith("; nothing was written", error.Message, StringComparison.Ordinal);
        Assert.Empty(await store.ReadStreamForwardsAsync(stream).ToListAsync());
    }

    [Fact]
    public async Task An_expectation_of_any_is_retried_when_another_writer_gets_in_first()
    {
        await using var store = await EventStoreDbEventStore.OpenAsync(Node.ConnectionString());
        var stream = NewStream("busy");
        await store.AppendToStreamAsync(stream, ExpectedVersion.NoStream, Batch(1));
        var raced = 0;
        Node.Settings.OnAppend = name =>
        {
            if (name == stream.Value && Interlocked.Increment(ref raced) == 1)
            {
                Node.Log.Inject(stream.Value, "test-happened.v1", "{\"n\":50}"u8.ToArray(), [], Guid.NewGuid());
            }
        };

        var result = await store.AppendToStreamAsync(stream, ExpectedVersion.Any, Batch(1, 1));

        Assert.Equal(2, result.LastVersion);
        Assert.Equal([0, 50, 1], await store.ReadStreamForwardsAsync(stream).Select(Number).ToListAsync());
    }

    [Fact]
    public async Task Only_ledger_streams_can_be_written()
    {
        await using var store = await EventStoreDbEventStore.OpenAsync(Node.ConnectionString());

        var error = await Assert.ThrowsAsync<ArgumentException>(() =>
            store.AppendToStreamAsync(new StreamName("orders-2"), ExpectedVersion.Any, Batch(1)));

        Assert.Contains("stream 'orders-2' is not a ledger stream", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reads_of_all_do_not_depend_on_whether_the_server_includes_the_start_of_a_backwards_read()
    {
        await using var store = await EventStoreDbEventStore.OpenAsync(Node.ConnectionString());
        var stream = NewStream("edges");
        await store.AppendToStreamAsync(stream, ExpectedVersion.NoStream, Batch(4));
        var all = await store.ReadAllForwardsAsync(GlobalPosition.Start).ToListAsync();
        Node.Settings.BackwardsReadExcludesStart = true;

        var fromThird = await store.ReadAllAsync(ReadDirection.Backwards, all[2].Position, 10).ToListAsync();

        Assert.Equal([2, 1, 0], fromThird.Select(Number));
        Assert.Equal(all.Take(3).Reverse().Select(e => e.RecordedAt), fromThird.Select(e => e.RecordedAt));
    }
}
