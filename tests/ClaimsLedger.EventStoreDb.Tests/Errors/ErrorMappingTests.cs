using System.Net;
using System.Net.Sockets;
using ClaimsLedger.EventStoreDb.Tests.FakeNode;
using ClaimsLedger.Storage;
using static ClaimsLedger.Conformance.StoreTestData;

namespace ClaimsLedger.EventStoreDb.Tests.Errors;

/// <summary>
/// Each failure of the protocol sheet's error model (section 6), produced by the fake node, becomes a ledger error
/// that names the node, the stream and the user, never the password.
/// </summary>
public sealed class ErrorMappingTests : FakeNodeTest
{
    [Fact]
    public async Task Wrong_expected_version_becomes_the_ledger_concurrency_error_with_the_actual_revision()
    {
        await using var store = await EventStoreDbEventStore.OpenAsync(Node.ConnectionString());
        var stream = NewStream("raced");
        await store.AppendToStreamAsync(stream, ExpectedVersion.NoStream, Batch(2));
        // Another writer (not through this store's cache) moves the stream on before this append: the store's own
        // check of the expected version, which reads the stream first, finds it (not the server's reply to the write).
        Node.Log.Inject("claim:" + stream.Value["claim:".Length..], "test-happened.v1", "{\"n\":9}"u8.ToArray(), [], Guid.NewGuid());

        var error = await Assert.ThrowsAsync<WrongExpectedVersionException>(() =>
            store.AppendToStreamAsync(stream, ExpectedVersion.Exactly(1), Batch(1, 5)));

        Assert.Equal(2, error.Actual);
        Assert.Equal(ExpectedVersion.Exactly(1), error.Expected);
        Assert.Contains(stream.Value, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Two_nodes_that_each_name_the_other_as_leader_are_a_not_leader_error_after_two_redirects()
    {
        await using var other = await FakeEventStoreNode.StartAsync(log: Node.Log);
        Node.Settings.Leader = ("127.0.0.1", other.Port);
        other.Settings.Leader = ("127.0.0.1", Node.Port);

        var error = await Assert.ThrowsAsync<NotLeaderException>(() => EventStoreDbEventStore.OpenAsync(Node.ConnectionString()));

        Assert.Equal(("127.0.0.1", other.Port), (error.LeaderHost, error.LeaderPort));
        Assert.Contains($"127.0.0.1:{Node.Port} is not the leader; the leader is 127.0.0.1:{other.Port}", error.Message,
            StringComparison.Ordinal);
        Assert.Equal((2, 1), (Node.Service.Calls.Count, other.Service.Calls.Count));
    }

    [Fact]
    public async Task A_follower_serves_reads_to_a_client_that_does_not_require_the_leader_and_refuses_it_appends()
    {
        Node.Settings.Leader = ("leader.example", 2113);

        await using var store = await EventStoreDbEventStore.OpenAsync(Node.ConnectionString("nodePreference=follower"));

        Assert.Empty(await store.ReadStreamForwardsAsync(NewStream("any")).ToListAsync());
        var error = await Assert.ThrowsAsync<StoreReadOnlyException>(() =>
            store.AppendToStreamAsync(NewStream("any"), ExpectedVersion.NoStream, Batch(1)));
        Assert.Contains("opened with nodePreference=Follower, which serves reads only: appends need nodePreference=leader",
            error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Node.Service.Calls, call => call.Method == "Append");
    }

    [Fact]
    public async Task A_tombstoned_stream_is_a_stream_deleted_error_for_reads_and_appends()
    {
        await using var store = await EventStoreDbEventStore.OpenAsync(Node.ConnectionString());
        var stream = NewStream("gone");
        Node.Log.Tombstone(stream.Value);

        var onAppend = await Assert.ThrowsAsync<StreamDeletedException>(() =>
            store.AppendToStreamAsync(stream, ExpectedVersion.Any, Batch(1)));
        var onRead = await Assert.ThrowsAsync<StreamDeletedException>(() => store.ReadStreamForwardsAsync(stream).ToListAsync().AsTask());

        Assert.Equal(stream, onAppend.Stream);
        Assert.Equal(stream, onRead.Stream);
        Assert.Contains($"stream '{stream}' was deleted (tombstoned)", onAppend.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_append_over_the_maximum_size_is_refused_with_the_limit()
    {
        Node.Settings.MaxAppendSize = 1000;
        await using var store = await EventStoreDbEventStore.OpenAsync(Node.ConnectionString());
        var stream = NewStream("big");
        var large = new EventData(Guid.NewGuid(), "test-large.v1", new byte[2000], "{}"u8.ToArray());

        var error = await Assert.ThrowsAsync<AppendTooLargeException>(() =>
            store.AppendToStreamAsync(stream, ExpectedVersion.NoStream, [large]));

        Assert.Equal(1000, error.Limit);
        Assert.Equal(stream, error.Stream);
        Assert.Contains("over the server's limit of 1000 bytes", error.Message, StringComparison.Ordinal);
        Assert.Empty(await store.ReadStreamForwardsAsync(stream).ToListAsync());
    }

    [Fact]
    public async Task Access_denied_to_an_anonymous_client_names_the_missing_credentials()
    {
        Node.Settings.Users["admin"] = "changeit";

        var error = await Assert.ThrowsAsync<StoreUnavailableException>(() => EventStoreDbEventStore.OpenAsync(Node.ConnectionString()));

        Assert.Contains($"EventStoreDB at 127.0.0.1:{Node.Port} denied anonymous", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Wrong_credentials_name_the_user_and_never_the_password()
    {
        Node.Settings.Users["admin"] = "changeit";
        var connection = $"esdb://admin:n0t-the-password@127.0.0.1:{Node.Port}?tls=false";

        var error = await Assert.ThrowsAsync<StoreUnavailableException>(() => EventStoreDbEventStore.OpenAsync(connection));

        Assert.Contains("refused the credentials of user 'admin'", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("n0t-the-password", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Right_credentials_are_sent_as_basic_authorization()
    {
        Node.Settings.Users["admin"] = "changeit";

        await using var store = await EventStoreDbEventStore.OpenAsync($"esdb://admin:changeit@127.0.0.1:{Node.Port}?tls=false");

        Assert.All(Node.Service.Calls, call => Assert.Equal("Basic YWRtaW46Y2hhbmdlaXQ=", call.Headers.GetValue("authorization")));
    }

    [Fact]
    public async Task A_node_that_is_not_ready_is_unavailable()
    {
        await using var store = await EventStoreDbEventStore.OpenAsync(Node.ConnectionString());
        Node.Settings.NotReady = true;

        var error = await Assert.ThrowsAsync<StoreUnavailableException>(() =>
            store.AppendToStreamAsync(NewStream("later"), ExpectedVersion.NoStream, Batch(1)));

        Assert.Contains($"cannot reach EventStoreDB at 127.0.0.1:{Node.Port}", error.Message, StringComparison.Ordinal);
        Assert.Contains("Server Is Not Ready", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unreachable_node_is_unavailable_naming_host_and_port()
    {
        var port = FreePort();

        var error = await Assert.ThrowsAsync<StoreUnavailableException>(() =>
            EventStoreDbEventStore.OpenAsync($"esdb://admin:secret@127.0.0.1:{port}?tls=false&defaultDeadline=5000"));

        Assert.Contains($"cannot reach EventStoreDB at 127.0.0.1:{port} (tls=false)", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_node_that_does_not_answer_within_the_deadline_is_unavailable()
    {
        await using var store = await EventStoreDbEventStore.OpenAsync(Node.ConnectionString("defaultDeadline=300"));
        Node.Settings.Stall = true;

        var error = await Assert.ThrowsAsync<StoreUnavailableException>(() =>
            store.ReadStreamForwardsAsync(NewStream("slow")).ToListAsync().AsTask());

        Assert.Contains("within defaultDeadline (300 ms)", error.Message, StringComparison.Ordinal);
    }

    private static int FreePort()
    {
        using var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        var port = ((IPEndPoint)socket.LocalEndpoint).Port;
        socket.Stop();
        return port;
    }
}
