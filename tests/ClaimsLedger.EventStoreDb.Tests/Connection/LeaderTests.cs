using ClaimsLedger.EventStoreDb.Tests.FakeNode;
using ClaimsLedger.Storage;
using static ClaimsLedger.Conformance.StoreTestData;

namespace ClaimsLedger.EventStoreDb.Tests.Connection;

/// <summary>
/// A not-leader reply names the leader (sheet §6): the store reconnects to it and sends the same call again, keeping
/// a channel per node. Two fake nodes sharing one log stand for a cluster.
/// </summary>
public sealed class LeaderTests : FakeNodeTest
{
    [Fact]
    public async Task A_store_pointed_at_a_follower_reads_and_appends_on_the_leader_it_names()
    {
        await using var leader = await FakeEventStoreNode.StartAsync(log: Node.Log);
        Node.Settings.Leader = ("127.0.0.1", leader.Port);
        var stream = NewStream("redirected");

        await using var store = await EventStoreDbEventStore.OpenAsync(Node.ConnectionString());
        await store.AppendToStreamAsync(stream, ExpectedVersion.NoStream, Batch(2));

        Assert.Equal($"127.0.0.1:{leader.Port}", store.Endpoint);
        Assert.Equal([0, 1], await store.ReadStreamForwardsAsync(stream).Select(Number).ToListAsync());
        Assert.Equal("Read", Assert.Single(Node.Service.Calls).Method); // the probe, answered with not-leader
        Assert.Contains(leader.Service.Calls, call => call.Method == "Append");
    }

    [Fact]
    public async Task When_the_leader_changes_an_append_is_sent_again_to_the_new_leader_and_written_once()
    {
        await using var next = await FakeEventStoreNode.StartAsync(log: Node.Log);
        await using var store = await EventStoreDbEventStore.OpenAsync(Node.ConnectionString());
        var stream = NewStream("failover");
        await store.AppendToStreamAsync(stream, ExpectedVersion.NoStream, Batch(1));
        Node.Settings.Leader = ("127.0.0.1", next.Port);

        var result = await store.AppendToStreamAsync(stream, ExpectedVersion.Exactly(0), Batch(1, 1));

        Assert.Equal(1, result.LastVersion);
        Assert.Equal([0, 1], await store.ReadStreamForwardsAsync(stream).Select(Number).ToListAsync());
        Assert.Equal($"127.0.0.1:{next.Port}", store.Endpoint);
    }

    [Fact]
    public async Task A_subscription_started_after_the_leader_changed_follows_it()
    {
        await using var next = await FakeEventStoreNode.StartAsync(log: Node.Log);
        await using var store = await EventStoreDbEventStore.OpenAsync(Node.ConnectionString());
        await store.AppendToStreamAsync(NewStream("before"), ExpectedVersion.NoStream, Batch(1));
        Node.Settings.Leader = ("127.0.0.1", next.Port);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));

        var first = await store.SubscribeToAllAsync(null, timeout.Token).FirstAsync(timeout.Token);

        Assert.Equal(0, Number(first));
        Assert.Contains(next.Service.Calls, call => call.Method == "Read");
    }
}
