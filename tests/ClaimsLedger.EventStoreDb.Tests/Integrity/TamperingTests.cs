using System.Security.Cryptography;
using ClaimsLedger.Conformance;
using ClaimsLedger.EventStoreDb.Chain;
using ClaimsLedger.EventStoreDb.Tests.FakeNode;
using ClaimsLedger.Integrity;
using ClaimsLedger.Storage;
using static ClaimsLedger.Conformance.StoreTestData;

namespace ClaimsLedger.EventStoreDb.Tests.Integrity;

/// <summary>
/// What verification reports when the chain stream or the ledger was changed behind the store's back: a link written
/// by hand counts as any other (a matching one verifies, a forged one breaks at its first event), an event gone from $all as a jump in the sequence (never renumbered), and a chain-stream
/// event that is not a link not at all (it changes nothing).
/// </summary>
public sealed class TamperingTests : FakeNodeTest
{
    private static readonly DateTimeOffset Noon = new(2023, 5, 26, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task A_link_written_by_hand_that_matches_the_events_verifies()
    {
        await using var store = await OpenAsync();
        ChainOnNode.WriteLink(Node, await HonestLinkAfterThreeEventsAsync(store));

        var report = await LedgerIntegrity.VerifyAsync(store);

        Assert.True(report.IsIntact, report.ToString());
        Assert.Equal(5, report.Events);
    }

    [Fact]
    public async Task A_link_written_by_hand_with_a_wrong_hash_is_a_content_break_at_its_first_event()
    {
        await using var store = await OpenAsync();
        var link = await HonestLinkAfterThreeEventsAsync(store);
        link.Entries[0].Hash[0] ^= 0xFF;
        ChainOnNode.WriteLink(Node, link);

        var report = await LedgerIntegrity.VerifyAsync(store);

        Assert.Equal((IntegrityProblem.Content, 4L), (report.Break?.Problem, report.Break?.Sequence));
    }

    [Fact]
    public async Task A_link_written_by_hand_that_does_not_continue_the_chain_is_a_link_break_at_its_first_event()
    {
        await using var store = await OpenAsync();
        var honest = await HonestLinkAfterThreeEventsAsync(store);
        ChainOnNode.WriteLink(Node, honest with { Previous = RandomNumberGenerator.GetBytes(32) });

        var report = await LedgerIntegrity.VerifyAsync(store);

        Assert.Equal((IntegrityProblem.Link, 4L), (report.Break?.Problem, report.Break?.Sequence));
    }

    [Fact]
    public async Task An_event_gone_from_all_is_reported_missing_and_later_events_keep_their_sequence()
    {
        await using var store = await OpenAsync();
        var deleted = NewStream("deleted");
        await store.AppendToStreamAsync(NewStream("a"), ExpectedVersion.NoStream, Batch(2));
        await store.AppendToStreamAsync(deleted, ExpectedVersion.NoStream, Batch(2));
        await store.AppendToStreamAsync(NewStream("c"), ExpectedVersion.NoStream, Batch(2));
        Node.Log.Scavenge(deleted.Value);

        await store.AppendToStreamAsync(NewStream("d"), ExpectedVersion.NoStream, Batch(1));
        await using var auditor = await OpenAsync();
        var report = await LedgerIntegrity.VerifyAsync(auditor);

        Assert.Equal((IntegrityProblem.Missing, 3L), (report.Break?.Problem, report.Break?.Sequence));
        Assert.Equal([1L, 2, 5, 6, 7], await auditor.ReadAllForwardsAsync(GlobalPosition.Start).Select(e => e.Sequence).ToListAsync());
    }

    [Fact]
    public async Task A_chain_event_that_is_not_a_link_changes_nothing_and_sealing_goes_on()
    {
        await using var store = await OpenAsync();
        await store.AppendToStreamAsync(NewStream("a"), ExpectedVersion.NoStream, Batch(2));
        Node.Log.Inject(ChainOnNode.Stream, ChainLinkJson.Type, "{\"first\":\"not a link\"}"u8.ToArray(), [], Guid.NewGuid());

        await store.AppendToStreamAsync(NewStream("b"), ExpectedVersion.NoStream, Batch(2));
        await using var auditor = await OpenAsync();
        var report = await LedgerIntegrity.VerifyAsync(auditor);

        Assert.True(report.IsIntact, report.ToString());
        Assert.Equal(4, report.Events);
        var links = ChainOnNode.Links(Node);
        Assert.Equal([true, false, true], links.Select(link => link is not null));
        Assert.Equal(3, links[2]!.First); // continued from the last link, not sealed again from the start
    }

    // Three sealed events, then two written past the store, and the link an honest sealer would write for them.
    private async Task<ChainLink> HonestLinkAfterThreeEventsAsync(EventStoreDbEventStore store)
    {
        await store.AppendToStreamAsync(NewStream("sealed"), ExpectedVersion.NoStream, Batch(3));
        var forged = NewStream("forged");
        ChainOnNode.WriteUnsealed(Node, forged, 0, Noon.AddMinutes(1));
        ChainOnNode.WriteUnsealed(Node, forged, 1, Noon.AddMinutes(2));
        var all = await store.ReadAllForwardsAsync(GlobalPosition.Start).ToListAsync();
        var previous = all[2].Hash.ToArray();
        var entries = new List<ChainEntry>();
        foreach (var (e, sequence) in all.Skip(3).Select((e, i) => (e, 4L + i)))
        {
            var hash = EventHash.Compute(sequence, e.Stream.Value, e.StreamVersion, e.Type, e.EventId, e.RecordedAt,
                e.Data.Span, e.Metadata.Span, entries.Count == 0 ? previous : entries[^1].Hash);
            entries.Add(new ChainEntry(e.Position, e.EventId, e.RecordedAt, hash));
        }

        Assert.Equal(2, entries.Count);
        return new ChainLink(4, previous, entries);
    }

    private Task<EventStoreDbEventStore> OpenAsync() => EventStoreDbEventStore.OpenAsync(new EventStoreDbStoreOptions
    {
        ConnectionString = Node.ConnectionString(),
        Clock = new SettableClock(Noon),
    });
}
