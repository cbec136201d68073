using ClaimsLedger.Conformance;
using ClaimsLedger.EventStoreDb.Chain;
using ClaimsLedger.EventStoreDb.Tests.FakeNode;
using ClaimsLedger.Integrity;
using ClaimsLedger.Storage;
using static ClaimsLedger.Conformance.StoreTestData;

namespace ClaimsLedger.EventStoreDb.Tests.Integrity;

/// <summary>
/// Every append seals its events into the ledger's hash chain before it returns: several stores (processes) writing
/// one ledger keep one chain, every later read carries the hashes, and links stay small.
/// </summary>
public sealed class SealingTests : FakeNodeTest
{
    private static readonly DateTimeOffset Noon = new(2023, 5, 26, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Two_stores_appending_concurrently_to_one_ledger_keep_one_chain_that_verifies()
    {
        await using var first = await OpenAsync();
        await using var second = await OpenAsync();

        await Task.WhenAll(new[] { first, second }.Select((store, w) => Task.Run(async () =>
        {
            for (var i = 0; i < 25; i++)
            {
                await store.AppendAsync([new StreamAppend(NewStream($"w{w}"), ExpectedVersion.NoStream, Batch(1 + (i % 3))),
                    new StreamAppend(NewStream($"also{w}"), ExpectedVersion.NoStream, Batch(1))]);
            }
        })));

        await using var auditor = await OpenAsync();
        var report = await LedgerIntegrity.VerifyAsync(auditor);
        var events = await auditor.ReadAllForwardsAsync(GlobalPosition.Start).CountAsync();
        Assert.True(report.IsIntact, report.ToString());
        Assert.Equal(2 * ((9 * 1) + (8 * 2) + (8 * 3) + 25), events);
        Assert.Equal(events, report.Events);
        var links = ChainOnNode.Links(Node);
        Assert.All(links, link => Assert.NotNull(link));
        Assert.All(links.Zip(links.Skip(1)), pair => Assert.Equal(pair.First!.NextSequence, pair.Second!.First));
    }

    [Fact]
    public async Task A_store_whose_last_link_was_overtaken_by_another_store_continues_after_the_newer_one()
    {
        await using var first = await OpenAsync();
        await using var second = await OpenAsync();

        // Each store starts from the last link it saw; every second append finds the other store's link in between.
        for (var i = 0; i < 3; i++)
        {
            await first.AppendToStreamAsync(NewStream("first"), ExpectedVersion.NoStream, Batch(2));
            await second.AppendToStreamAsync(NewStream("second"), ExpectedVersion.NoStream, Batch(1));
        }

        var links = ChainOnNode.Links(Node);
        Assert.Equal([1L, 3, 4, 6, 7, 9], links.Select(link => link!.First));
        Assert.Equal([2, 1, 2, 1, 2, 1], links.Select(link => link!.Entries.Count));
        Assert.True((await LedgerIntegrity.VerifyAsync(first)).IsIntact);
    }

    [Fact]
    public async Task Every_read_after_an_append_carries_the_hashes_of_its_events()
    {
        await using var writer = await OpenAsync();
        var stream = NewStream("read-back");
        await writer.AppendToStreamAsync(NewStream("before"), ExpectedVersion.NoStream, Batch(2));
        await writer.AppendToStreamAsync(stream, ExpectedVersion.NoStream, Batch(3));

        // Another process, which has read nothing of the chain yet.
        await using var reader = await OpenAsync();
        var all = await reader.ReadAllForwardsAsync(GlobalPosition.Start).ToListAsync();
        var byPosition = all.ToDictionary(e => e.Position);

        Assert.Equal([1L, 2, 3, 4, 5], all.Select(e => e.Sequence));
        Assert.All(all, e => Assert.Equal(32, e.Hash.Length));
        AssertSameChain(byPosition, await reader.ReadStreamForwardsAsync(stream).ToListAsync());
        AssertSameChain(byPosition, await reader.ReadAllAsync(ReadDirection.Backwards, GlobalPosition.End, 10).ToListAsync());
        AssertSameChain(byPosition, await reader.ReadAllAsync(ReadDirection.Forwards, all[2].Position, 10).ToListAsync());
        AssertSameChain(byPosition, [(await reader.ReadLastAsync())!]);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        AssertSameChain(byPosition, await reader.SubscribeToAllAsync(null, timeout.Token).Take(5).ToListAsync(timeout.Token));
        await using var third = await OpenAsync();
        AssertSameChain(byPosition, await third.ReadStreamForwardsAsync(stream).ToListAsync());
    }

    [Fact]
    public async Task A_big_append_is_sealed_in_links_of_at_most_500_events()
    {
        await using var store = await OpenAsync();

        await store.AppendToStreamAsync(NewStream("big"), ExpectedVersion.NoStream, Batch(1_200));

        Assert.Equal([500, 500, 200], ChainOnNode.Links(Node).Select(link => link!.Entries.Count));
        Assert.All(ChainOnNode.LinkSizes(Node), size => Assert.InRange(size, 1, 128 * 1024));
        var report = await LedgerIntegrity.VerifyAsync(store);
        Assert.True(report.IsIntact, report.ToString());
        Assert.Equal(1_200, report.Events);
    }

    [Fact]
    public async Task A_sealer_halves_its_links_when_the_node_refuses_them_as_too_large()
    {
        // 200 events append in about 24 KB; their link of about 40 KB is over the limit, a link of 100 is not.
        Node.Settings.MaxAppendSize = 30_000;
        await using var store = await OpenAsync();

        await store.AppendToStreamAsync(NewStream("tight"), ExpectedVersion.NoStream, Batch(200));

        Assert.Equal([125, 75], ChainOnNode.Links(Node).Select(link => link!.Entries.Count));
        Assert.True((await LedgerIntegrity.VerifyAsync(store)).IsIntact);
    }

    private static void AssertSameChain(Dictionary<GlobalPosition, RecordedEvent> expected, List<RecordedEvent> read)
    {
        Assert.NotEmpty(read);
        Assert.All(read, e =>
        {
            var chained = expected[e.Position];
            Assert.Equal(chained.Sequence, e.Sequence);
            Assert.True(e.Hash.Span.SequenceEqual(chained.Hash.Span), $"hash of sequence {chained.Sequence}");
            Assert.True(e.PreviousHash.Span.SequenceEqual(chained.PreviousHash.Span), $"previous of sequence {chained.Sequence}");
        });
    }

    private Task<EventStoreDbEventStore> OpenAsync() => EventStoreDbEventStore.OpenAsync(new EventStoreDbStoreOptions
    {
        ConnectionString = Node.ConnectionString(),
        Clock = new SettableClock(Noon),
    });
}
