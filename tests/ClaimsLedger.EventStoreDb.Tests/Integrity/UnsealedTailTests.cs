using ClaimsLedger.Conformance;
using ClaimsLedger.EventStoreDb.Tests.FakeNode;
using ClaimsLedger.Integrity;
using ClaimsLedger.Storage;
using Grpc.Core;
using static ClaimsLedger.Conformance.StoreTestData;

namespace ClaimsLedger.EventStoreDb.Tests.Integrity;

/// <summary>
/// Events are sealed after they are written, so a writer that stops in between leaves them unchained: verification
/// says so at the right sequence, and the next append of anyone seals them.
/// </summary>
public sealed class UnsealedTailTests : FakeNodeTest
{
    private static readonly DateTimeOffset Noon = new(2023, 5, 26, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Events_a_writer_left_unsealed_verify_as_unhashed_until_the_next_append_seals_them()
    {
        await using var store = await OpenAsync();
        await store.AppendToStreamAsync(NewStream("sealed"), ExpectedVersion.NoStream, Batch(2));
        var crashed = NewStream("crashed");
        var firstUnsealed = ChainOnNode.WriteUnsealed(Node, crashed, 0, Noon.AddMinutes(1));
        ChainOnNode.WriteUnsealed(Node, crashed, 1, Noon.AddMinutes(1));
        ChainOnNode.WriteUnsealed(Node, crashed, 2, Noon.AddMinutes(1));

        var before = await LedgerIntegrity.VerifyAsync(store);

        Assert.Equal(IntegrityProblem.Unhashed, before.Break?.Problem);
        Assert.Equal(3, before.Break!.Sequence);
        Assert.Equal(firstUnsealed, before.Break.Position);
        Assert.All(await store.ReadStreamForwardsAsync(crashed).ToListAsync(), e => Assert.Equal(0, e.Sequence));

        await store.AppendToStreamAsync(NewStream("next"), ExpectedVersion.NoStream, Batch(1));

        var after = await LedgerIntegrity.VerifyAsync(store);
        Assert.True(after.IsIntact, after.ToString());
        Assert.Equal(6, after.Events);
        Assert.Equal([3L, 4, 5], await store.ReadStreamForwardsAsync(crashed).Select(e => e.Sequence).ToListAsync());
    }

    [Fact]
    public async Task An_append_whose_seal_failed_says_it_was_written_and_its_retry_seals_it()
    {
        await using var store = await OpenAsync();
        await store.AppendToStreamAsync(NewStream("sealed"), ExpectedVersion.NoStream, Batch(1));
        var stream = NewStream("unlucky");
        var events = Batch(2);
        Node.Settings.OnAppend = name =>
        {
            if (name == ChainOnNode.Stream)
            {
                throw FakeErrors.Fail(StatusCode.Unavailable, "Server Is Too Busy");
            }
        };

        var error = await Assert.ThrowsAsync<StoreUnavailableException>(() =>
            store.AppendToStreamAsync(stream, ExpectedVersion.NoStream, events));

        Assert.Contains("the append was written, but sealing it into the ledger's hash chain failed", error.Message,
            StringComparison.Ordinal);
        Assert.Equal(2, await store.ReadStreamForwardsAsync(stream).CountAsync());
        var unsealed = await LedgerIntegrity.VerifyAsync(store);
        Assert.Equal((IntegrityProblem.Unhashed, 2L), (unsealed.Break?.Problem, unsealed.Break?.Sequence));

        Node.Settings.OnAppend = null;
        var retry = await store.AppendToStreamAsync(stream, ExpectedVersion.NoStream, events);

        Assert.True(retry.AlreadyPresent);
        var report = await LedgerIntegrity.VerifyAsync(store);
        Assert.True(report.IsIntact, report.ToString());
        Assert.Equal(3, report.Events);
    }

    private Task<EventStoreDbEventStore> OpenAsync() => EventStoreDbEventStore.OpenAsync(new EventStoreDbStoreOptions
    {
        ConnectionString = Node.ConnectionString(),
        Clock = new SettableClock(Noon),
    });
}
