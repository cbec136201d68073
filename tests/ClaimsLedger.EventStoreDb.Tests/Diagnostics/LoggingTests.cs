using ClaimsLedger.Conformance;
using ClaimsLedger.Conformance.Telemetry;
using ClaimsLedger.EventStoreDb.Tests.FakeNode;
using ClaimsLedger.EventStoreDb.Tests.Integrity;
using ClaimsLedger.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using static ClaimsLedger.Conformance.StoreTestData;

namespace ClaimsLedger.EventStoreDb.Tests.Diagnostics;

/// <summary>
/// What the store logs, as the SQL stores do: slow appends and reads (event 103, Warning, at or over
/// SlowQueryThreshold), and the sealing of events a writer left unsealed (event 104, Warning, as the SQL stores number their chain repair).
/// </summary>
public sealed class LoggingTests : FakeNodeTest
{
    private readonly LogCapture _logs = new();

    [Fact]
    public async Task Appends_and_reads_at_or_over_the_slow_query_threshold_are_logged_as_warnings_naming_the_node()
    {
        Node.Settings.Users["admin"] = "changeit";
        await using var store = await EventStoreDbEventStore.OpenAsync(new EventStoreDbStoreOptions
        {
            ConnectionString = $"esdb://admin:changeit@127.0.0.1:{Node.Port}?tls=false",
            StreamPrefix = "newsroom/",
            LoggerFactory = _logs,
            SlowQueryThreshold = TimeSpan.Zero,
        });
        var stream = NewStream("slow");

        await store.AppendToStreamAsync(stream, ExpectedVersion.NoStream, Batch(2));
        await store.ReadStreamForwardsAsync(stream).ToListAsync();

        var slow = _logs.WithId(103);
        Assert.Contains(slow, r => Equals(r.Values["Operation"], "append") && Equals(r.Values["Events"], 2));
        Assert.Contains(slow, r => Equals(r.Values["Operation"], "read") && Equals(r.Values["Events"], 2));
        Assert.All(slow, r =>
        {
            Assert.Equal(LogLevel.Warning, r.Level);
            Assert.Equal(typeof(EventStoreDbEventStore).FullName, r.Category);
            Assert.Equal($"EventStoreDB at 127.0.0.1:{Node.Port} (streams under 'newsroom/')", r.Values["Store"]);
            Assert.DoesNotContain("changeit", r.Message, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task With_the_default_threshold_fast_calls_are_not_logged()
    {
        await using var store = await OpenAsync(new FakeTimeProvider(new DateTimeOffset(2023, 5, 26, 12, 0, 0, TimeSpan.Zero)));

        await store.AppendToStreamAsync(NewStream("quick"), ExpectedVersion.NoStream, Batch(2));

        Assert.Empty(_logs.WithId(103));
    }

    [Fact]
    public async Task Sealing_events_another_writer_left_unsealed_is_logged_as_a_warning()
    {
        var noon = new DateTimeOffset(2023, 5, 26, 12, 0, 0, TimeSpan.Zero);
        await using var store = await OpenAsync(new SettableClock(noon));
        await store.AppendToStreamAsync(NewStream("sealed"), ExpectedVersion.NoStream, Batch(1));
        var crashed = NewStream("crashed");
        var first = ChainOnNode.WriteUnsealed(Node, crashed, 0, noon);
        ChainOnNode.WriteUnsealed(Node, crashed, 1, noon);

        await store.AppendToStreamAsync(NewStream("next"), ExpectedVersion.NoStream, Batch(1));

        var sealedTail = Assert.Single(_logs.WithId(104));
        Assert.Equal(LogLevel.Warning, sealedTail.Level);
        Assert.Equal((2L, first), (sealedTail.Values["Events"], sealedTail.Values["From"]));
        Assert.Contains("into the hash chain that were left unsealed", sealedTail.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Concurrent_appends_of_one_store_seal_each_others_events_without_a_warning()
    {
        await using var store = await OpenAsync(TimeProvider.System);

        await Task.WhenAll(Enumerable.Range(0, 20).Select(_ =>
            store.AppendToStreamAsync(NewStream("busy"), ExpectedVersion.NoStream, Batch(2))));

        Assert.Empty(_logs.WithId(104));
    }

    private Task<EventStoreDbEventStore> OpenAsync(TimeProvider clock) => EventStoreDbEventStore.OpenAsync(new EventStoreDbStoreOptions
    {
        ConnectionString = Node.ConnectionString(),
        Clock = clock,
        LoggerFactory = _logs,
    });
}
