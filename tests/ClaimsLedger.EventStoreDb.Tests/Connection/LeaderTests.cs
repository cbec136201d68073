using System.Net;
using System.Net.Sockets;
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
    public async Task When_the_leader_changes_the_read_an_append_starts_with_is_redirected_and_the_append_written_once()
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
    public async Task An_append_refused_as_not_leader_is_sent_once_more_to_the_leader_it_names_and_written_once()
    {
        await using var next = await FakeEventStoreNode.StartAsync(log: Node.Log);
        await using var store = await EventStoreDbEventStore.OpenAsync(Node.ConnectionString());
        var stream = NewStream("append-redirected");
        await store.AppendToStreamAsync(stream, ExpectedVersion.NoStream, Batch(1));
        Node.Settings.AppendLeader = ("127.0.0.1", next.Port); // reads still served here: only the Append is refused
        var appendsBefore = Node.Service.Calls.Count(call => call.Method == "Append");

        var result = await store.AppendToStreamAsync(stream, ExpectedVersion.Exactly(0), Batch(2, 1));

        Assert.Equal((2L, false), (result.LastVersion, result.AlreadyPresent));
        Assert.Equal(1, Node.Service.Calls.Count(call => call.Method == "Append") - appendsBefore); // the refused one
        Assert.Equal(2, next.Service.Calls.Count(call => call.Method == "Append")); // the one written, then its seal
        Assert.Equal([0, 1, 2], await store.ReadStreamForwardsAsync(stream).Select(Number).ToListAsync());
        Assert.Equal($"127.0.0.1:{next.Port}", store.Endpoint);
    }

    [Fact]
    public async Task A_leader_that_cannot_be_reached_is_a_not_leader_error_naming_both_nodes_and_calls_stay_on_the_node()
    {
        await using var store = await EventStoreDbEventStore.OpenAsync(Node.ConnectionString());
        var stream = NewStream("unreachable-leader");
        await store.AppendToStreamAsync(stream, ExpectedVersion.NoStream, Batch(1));
        var nobody = FreePort();
        Node.Settings.Leader = ("127.0.0.1", nobody);

        var onAppend = await Assert.ThrowsAsync<NotLeaderException>(() =>
            store.AppendToStreamAsync(stream, ExpectedVersion.Exactly(0), Batch(1, 1)));
        var onRead = await Assert.ThrowsAsync<NotLeaderException>(() => store.ReadStreamForwardsAsync(stream).ToListAsync().AsTask());

        foreach (var error in new[] { onAppend, onRead })
        {
            Assert.Equal(("127.0.0.1", nobody), (error.LeaderHost, error.LeaderPort));
            Assert.Contains($"EventStoreDB node 127.0.0.1:{Node.Port} is not the leader and named 127.0.0.1:{nobody} as the " +
                            "leader, but that node cannot be reached from here", error.Message, StringComparison.Ordinal);
            Assert.IsType<StoreUnavailableException>(error.InnerException);
        }

        Assert.Equal($"127.0.0.1:{Node.Port}", store.Endpoint);
        Node.Settings.Leader = null; // the node is the leader again: the store is still talking to it
        var callsBefore = Node.Service.Calls.Count;
        Assert.Equal([0], await store.ReadStreamForwardsAsync(stream).Select(Number).ToListAsync());
        Assert.True(Node.Service.Calls.Count > callsBefore);
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

    [Fact]
    public async Task A_subscription_whose_follower_names_an_unreachable_leader_ends_with_the_not_leader_error()
    {
        await using var store = await EventStoreDbEventStore.OpenAsync(Node.ConnectionString());
        await store.AppendToStreamAsync(NewStream("before"), ExpectedVersion.NoStream, Batch(1));
        var nobody = FreePort();
        Node.Settings.Leader = ("127.0.0.1", nobody);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));

        var error = await Assert.ThrowsAsync<NotLeaderException>(() => store.SubscribeToAllAsync(null, timeout.Token)
            .FirstAsync(timeout.Token).AsTask());

        Assert.Equal(("127.0.0.1", nobody), (error.LeaderHost, error.LeaderPort));
        Assert.EndsWith("the subscription to all was not served", error.Message, StringComparison.Ordinal);
        Assert.Equal($"127.0.0.1:{Node.Port}", store.Endpoint);
    }

    private static int FreePort()
    {
        using var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        return ((IPEndPoint)socket.LocalEndpoint).Port; // stopped when disposed: nobody listens there afterwards
    }
}
