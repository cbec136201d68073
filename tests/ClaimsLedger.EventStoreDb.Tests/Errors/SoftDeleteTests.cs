using ClaimsLedger.EventStoreDb.Tests.FakeNode;
using ClaimsLedger.Storage;
using static ClaimsLedger.Conformance.StoreTestData;

namespace ClaimsLedger.EventStoreDb.Tests.Errors;

/// <summary>
/// A soft-deleted stream, as EventStoreDB documents it (sheet §4.3, §9): reads give stream_not_found and an append
/// expecting no stream re-creates it, its revisions continuing. The store never takes a stream it saw events in for
/// empty, so it never re-creates one silently.
/// </summary>
public sealed class SoftDeleteTests : FakeNodeTest
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_stream_soft_deleted_after_the_store_wrote_it_is_a_stream_deleted_error_and_stays_deleted(bool expectAny)
    {
        await using var store = await EventStoreDbEventStore.OpenAsync(Node.ConnectionString());
        var stream = NewStream("soft");
        await store.AppendToStreamAsync(stream, ExpectedVersion.NoStream, Batch(2));
        Node.Log.SoftDelete(stream.Value);

        var onAppend = await Assert.ThrowsAsync<StreamDeletedException>(() =>
            store.AppendToStreamAsync(stream, expectAny ? ExpectedVersion.Any : ExpectedVersion.Exactly(1), Batch(1, 2)));
        var onRead = await Assert.ThrowsAsync<StreamDeletedException>(() => store.ReadStreamForwardsAsync(stream).ToListAsync().AsTask());

        Assert.Equal((stream, true), (onAppend.Stream, onAppend.SoftDeleted));
        Assert.Equal(stream, onRead.Stream);
        Assert.Contains($"stream '{stream}' was deleted (soft-deleted) on EventStoreDB at 127.0.0.1:{Node.Port}", onAppend.Message,
            StringComparison.Ordinal);
        Assert.Equal(2, Node.Log.All().Count(r => r.Stream == stream.Value));
    }

    [Fact]
    public async Task A_store_that_never_saw_a_soft_deleted_stream_reads_it_as_empty_and_re_creates_it_with_revisions_continuing()
    {
        var stream = NewStream("recreated");
        await using (var first = await EventStoreDbEventStore.OpenAsync(Node.ConnectionString()))
        {
            await first.AppendToStreamAsync(stream, ExpectedVersion.NoStream, Batch(2));
        }

        Node.Log.SoftDelete(stream.Value);
        await using var second = await EventStoreDbEventStore.OpenAsync(Node.ConnectionString());

        Assert.Empty(await second.ReadStreamForwardsAsync(stream).ToListAsync());
        var recreated = await second.AppendToStreamAsync(stream, ExpectedVersion.NoStream, Batch(1, 7));
        var next = await second.AppendToStreamAsync(stream, ExpectedVersion.Exactly(2), Batch(1, 8));

        Assert.Equal((2L, 3L), (recreated.LastVersion, next.LastVersion));
        Assert.Equal([(2L, 7), (3L, 8)], await second.ReadStreamForwardsAsync(stream).Select(e => (e.StreamVersion, Number(e))).ToListAsync());
    }
}
