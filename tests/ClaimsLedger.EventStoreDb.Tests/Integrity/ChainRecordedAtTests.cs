using ClaimsLedger.Conformance;
using ClaimsLedger.EventStoreDb.Tests.FakeNode;
using ClaimsLedger.Integrity;
using ClaimsLedger.Storage;
using static ClaimsLedger.Conformance.StoreTestData;

namespace ClaimsLedger.EventStoreDb.Tests.Integrity;

/// <summary>
/// The chain hashes the recordedAt that reads report — the running maximum of the stamps along $all — so a sealer
/// continues that maximum from the link before it, and writers whose clocks disagree still seal a chain that verifies.
/// </summary>
public sealed class ChainRecordedAtTests : FakeNodeTest
{
    private static readonly DateTimeOffset Noon = new(2023, 5, 26, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task A_link_continues_the_running_recordedAt_of_the_link_before_it()
    {
        // e0 at 12:00; a writer ahead stamps e1 12:10 and seals it; a writer behind, which also saw only e0, stamped e2
        // 12:05, committed after e1 and stopped before sealing. e2 reads back at 12:10; its link must hash that.
        await using var behind = await OpenAsync(Noon);
        await using var ahead = await OpenAsync(Noon.AddMinutes(10));
        var e0 = await behind.AppendToStreamAsync(NewStream("e0"), ExpectedVersion.NoStream, Batch(1));
        await ahead.AppendToStreamAsync(NewStream("e1"), ExpectedVersion.NoStream, Batch(1));
        var e2 = NewStream("e2");
        ChainOnNode.WriteUnsealed(Node, e2, 0, Noon.AddMinutes(5), head: e0.LastPosition);

        await behind.AppendToStreamAsync(NewStream("e3"), ExpectedVersion.NoStream, Batch(1));

        var report = await LedgerIntegrity.VerifyAsync(behind);
        Assert.True(report.IsIntact, report.ToString());
        var read = await behind.ReadStreamForwardsAsync(e2).SingleAsync();
        Assert.Equal((3L, Noon.AddMinutes(10)), (read.Sequence, read.RecordedAt));
        Assert.Equal(2, ChainOnNode.Links(Node)[^1]!.Entries.Count);
    }

    [Fact]
    public async Task Writers_whose_clocks_disagree_still_seal_a_chain_that_verifies()
    {
        await using var ahead = await OpenAsync(Noon.AddMinutes(10));
        await using var behind = await OpenAsync(Noon.AddMinutes(-10));

        await Task.WhenAll(Enumerable.Range(0, 40).Select(i =>
            (i % 2 == 0 ? ahead : behind).AppendToStreamAsync(NewStream("skew"), ExpectedVersion.NoStream, Batch(2))));

        await using var auditor = await OpenAsync(Noon);
        var report = await LedgerIntegrity.VerifyAsync(auditor);
        Assert.True(report.IsIntact, report.ToString());
        Assert.Equal(80, report.Events);
    }

    private Task<EventStoreDbEventStore> OpenAsync(DateTimeOffset now) => EventStoreDbEventStore.OpenAsync(
        new EventStoreDbStoreOptions { ConnectionString = Node.ConnectionString(), Clock = new SettableClock(now) });
}
