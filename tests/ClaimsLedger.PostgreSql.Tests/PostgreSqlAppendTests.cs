using ClaimsLedger.Conformance.Telemetry;
using ClaimsLedger.Integrity;
using ClaimsLedger.Storage;
using Npgsql;
using static ClaimsLedger.Conformance.StoreTestData;

namespace ClaimsLedger.PostgreSql.Tests;

/// <summary>
/// Appends under the head row's lock, as several store objects on one schema make them. An append builds on the stream
/// versions its store object saw at its last append plus what was appended since, which is only right while the
/// schema holds the same history. And after waiting for another append's lock, PostgreSQL returns the new head row
/// without the event it joined: the append must read that event again rather than take it for one without a hash.
/// </summary>
public sealed class PostgreSqlAppendTests : IAsyncLifetime
{
    // SqlStoreLog.ChainRepaired
    private const int ChainRepairedEvent = 104;

    private readonly string _schema = TestServer.NewSchema();

    [SkippableFact]
    public async Task A_schema_replaced_by_another_history_is_read_afresh_not_built_on()
    {
        await using var first = await OpenAsync(logs: null);
        var (claim, other) = (NewStream("claim"), NewStream("other"));
        await first.AppendToStreamAsync(claim, ExpectedVersion.NoStream, Batch(2));

        // The schema is dropped and written again by someone else, further than the first store's last append.
        await TestServer.DropSchemaAsync(_schema);
        await using (var second = await OpenAsync(logs: null))
        {
            await second.AppendToStreamAsync(claim, ExpectedVersion.NoStream, Batch(1, first: 10));
            await second.AppendToStreamAsync(other, ExpectedVersion.NoStream, Batch(3, first: 20));
        }

        var error = await Assert.ThrowsAsync<WrongExpectedVersionException>(() =>
            first.AppendToStreamAsync(claim, ExpectedVersion.Exactly(1), Batch(1, first: 2)));
        Assert.Equal(0, error.Actual);
        Assert.Equal(1, (await first.AppendToStreamAsync(claim, ExpectedVersion.Exactly(0), Batch(1, first: 11))).LastVersion);
        Assert.Equal([10, 11], await first.ReadStreamForwardsAsync(claim).Select(Number).ToListAsync());
    }

    [SkippableFact]
    public async Task Appends_that_wait_for_each_other_repair_no_chain_and_keep_it_whole()
    {
        using var logs = new LogCapture();
        await using var first = await OpenAsync(logs);
        await using var second = await OpenAsync(logs);

        await Task.WhenAll(AppendManyAsync(first, "first"), AppendManyAsync(second, "second"));

        Assert.Empty(logs.WithId(ChainRepairedEvent));
        Assert.Equal(120, await first.ReadAllForwardsAsync(GlobalPosition.Start).CountAsync());
        var report = await LedgerIntegrity.VerifyAsync(first);
        Assert.True(report.IsIntact, report.ToString());
    }

    [SkippableFact]
    public async Task An_append_that_waited_for_another_writers_head_lock_builds_on_its_event_without_repairing()
    {
        using var logs = new LogCapture();
        await using var store = await OpenAsync(logs);
        await store.AppendToStreamAsync(NewStream("before"), ExpectedVersion.NoStream, Batch(2));

        // Another writer, by hand, as an append does it: lock the head, add one chained event, move the head; then it
        // keeps the lock while the store's append waits for it.
        await using var writer = new NpgsqlConnection(TestServer.Require());
        await writer.OpenAsync();
        await using var transaction = await writer.BeginTransactionAsync();
        await AppendByHandAsync(writer, transaction, NewStream("by-hand"), Event(7));
        var waiting = store.AppendToStreamAsync(NewStream("after"), ExpectedVersion.NoStream, Batch(1, first: 9));
        await Task.Delay(300);
        var waited = !waiting.IsCompleted;
        await transaction.CommitAsync();
        await waiting;

        Assert.True(waited, "the append did not wait for the head's lock: the test did not hold it");
        Assert.Empty(logs.WithId(ChainRepairedEvent));
        Assert.Equal(4, await store.ReadAllForwardsAsync(GlobalPosition.Start).CountAsync());
        var report = await LedgerIntegrity.VerifyAsync(store);
        Assert.True(report.IsIntact, report.ToString());
    }

    [SkippableFact]
    public async Task Readers_see_nothing_past_a_held_head_lock_until_it_commits_then_every_position_in_order()
    {
        // The head lock orders commits: a writer numbers its events only once it holds the lock, and keeps it until it
        // commits, so a position can never commit before a lower one. Here a writer by hand holds the lock with
        // position 3 inserted but not committed; the store's append must wait for it (so it cannot commit 4 first), and
        // readers must see neither until 3 commits, then 3 and 4 in order.
        await using var store = await OpenAsync(logs: null);
        await using var reader = await OpenAsync(logs: null);
        await store.AppendToStreamAsync(NewStream("before"), ExpectedVersion.NoStream, Batch(2));
        var (byHand, after) = (NewStream("by-hand"), NewStream("after"));
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var heard = new System.Collections.Concurrent.ConcurrentQueue<long>();
        var subscription = Task.Run(async () =>
        {
            await foreach (var e in reader.SubscribeToAllAsync(GlobalPosition.FromSequence(2), timeout.Token))
            {
                heard.Enqueue(e.Position.ToSequence());
                if (heard.Count == 2)
                {
                    return;
                }
            }
        });

        await using var writer = new NpgsqlConnection(TestServer.Require());
        await writer.OpenAsync();
        await using var transaction = await writer.BeginTransactionAsync();
        await AppendByHandAsync(writer, transaction, byHand, Event(7));
        var waiting = store.AppendToStreamAsync(after, ExpectedVersion.NoStream, Batch(1, first: 9));
        // Long enough for the append to reach the lock and for the subscription to poll (every second) a few times.
        await Task.Delay(2500);
        var waited = !waiting.IsCompleted;
        var readWhileHeld = await reader.ReadAllAfterAsync(GlobalPosition.FromSequence(2)).Select(e => e.Position.ToSequence())
            .ToListAsync();
        var heardWhileHeld = heard.ToList();
        await transaction.CommitAsync();
        var appended = await waiting;
        await subscription.WaitAsync(timeout.Token);

        Assert.True(waited, "the store's append did not wait for the head lock held by hand");
        Assert.Empty(readWhileHeld);
        Assert.Empty(heardWhileHeld);
        Assert.Equal(4, appended.FirstPosition.ToSequence());
        Assert.Equal([3L, 4L], heard);
        var read = await reader.ReadAllAfterAsync(GlobalPosition.FromSequence(2)).ToListAsync();
        Assert.Equal([(3L, byHand), (4L, after)], read.Select(e => (e.Position.ToSequence(), e.Stream)));
    }

    private async Task AppendByHandAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, StreamName stream,
        EventData e)
    {
        var schema = $"\"{_schema}\"";
        long position, ticks;
        byte[] previous;
        await using (var head = new NpgsqlCommand(
            $"SELECT position, recorded_at, hash FROM {schema}.head WHERE id = 1 FOR UPDATE", connection, transaction))
        await using (var reader = await head.ExecuteReaderAsync())
        {
            await reader.ReadAsync();
            (position, ticks, previous) = (reader.GetInt64(0) + 1, reader.GetInt64(1), (byte[])reader.GetValue(2));
        }

        var hash = EventHash.Compute(position, stream.Value, 0, e.Type, e.EventId, new DateTimeOffset(ticks, TimeSpan.Zero),
            e.Data.Span, e.Metadata.Span, previous);
        await using var write = new NpgsqlCommand(
            $"INSERT INTO {schema}.events VALUES (@position, @stream, 0, @id, @type, @data, @metadata, @ticks, @hash, @previous); " +
            $"UPDATE {schema}.head SET position = @position, hash = @hash WHERE id = 1", connection, transaction);
        write.Parameters.AddWithValue("position", position);
        write.Parameters.AddWithValue("stream", stream.Value);
        write.Parameters.AddWithValue("id", e.EventId);
        write.Parameters.AddWithValue("type", e.Type);
        write.Parameters.AddWithValue("data", e.Data.ToArray());
        write.Parameters.AddWithValue("metadata", e.Metadata.ToArray());
        write.Parameters.AddWithValue("ticks", ticks);
        write.Parameters.AddWithValue("hash", hash);
        write.Parameters.AddWithValue("previous", previous);
        await write.ExecuteNonQueryAsync();
    }

    private static async Task AppendManyAsync(IEventStore store, string name)
    {
        for (var i = 0; i < 60; i++)
        {
            await store.AppendToStreamAsync(NewStream(name), ExpectedVersion.NoStream, Batch(1, first: i));
        }
    }

    private async Task<PostgreSqlEventStore> OpenAsync(LogCapture? logs) =>
        await PostgreSqlEventStore.OpenAsync(new PostgreSqlStoreOptions
        {
            ConnectionString = TestServer.Require(),
            Schema = _schema,
            LoggerFactory = logs,
        });

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => TestServer.DropSchemaAsync(_schema);
}
