using System.Text;
using ClaimsLedger.Integrity;
using ClaimsLedger.Storage;
using ClaimsLedger.Storage.Sql;

namespace ClaimsLedger.Tests.Storage;

/// <summary>
/// The rows of an append hashed on a helper ahead of the insert: whoever hashes them, in whatever order they are
/// asked for, they carry the chain one walk over the rows gives.
/// </summary>
public sealed class ChainedRowsTests
{
    private static readonly DateTimeOffset Noon = new(2023, 5, 26, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(1)]
    [InlineData(ChainedRows.HelperThreshold - 1)]
    [InlineData(ChainedRows.HelperThreshold)]
    [InlineData(2_000)]
    public void Rows_read_in_order_carry_the_chain_of_one_walk(int count)
    {
        var planned = Planned(count);
        var head = Hash("head");

        var rows = ChainedRows.Start(planned, head).ToList();

        Assert.Equal(Walk(planned, head), rows.Select(r => EventHash.ToHex(r.Hash)));
        Assert.Equal(head, rows[0].PreviousHash);
        for (var i = 1; i < rows.Count; i++)
        {
            Assert.Same(rows[i - 1].Hash, rows[i].PreviousHash);
            Assert.Equal(planned[i] with { Hash = rows[i].Hash, PreviousHash = rows[i].PreviousHash }, rows[i]);
        }
    }

    [Fact]
    public void Rows_read_from_the_end_first_carry_the_same_chain()
    {
        var planned = Planned(1_000);

        var rows = ChainedRows.Start(planned, null);
        var last = rows[^1];

        Assert.Equal(Walk(planned, null)[^1], EventHash.ToHex(last.Hash));
        Assert.Equal(Walk(planned, null), rows.Select(r => EventHash.ToHex(r.Hash)));
        Assert.Equal(EventHash.Genesis.ToArray(), rows[0].PreviousHash);
    }

    [Fact]
    public void A_row_that_cannot_be_hashed_fails_the_reader_at_its_chunk_and_not_before()
    {
        var planned = Planned(1_000);
        planned[700] = planned[700] with { Data = planned[700].Data with { Type = null! } };
        var rows = ChainedRows.Start(planned, null);
        var read = 0;

        Assert.Throws<ArgumentNullException>(() =>
        {
            foreach (var _ in rows)
            {
                read++;
            }
        });
        Assert.Equal(700 / ChainedRows.Chunk * ChainedRows.Chunk, read);
    }

    [Fact]
    public async Task Stopping_waits_for_the_helper_and_leaves_the_hashed_rows_readable()
    {
        var planned = Planned(5_000);
        var rows = ChainedRows.Start(planned, null);

        await rows.StopAsync().WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(Walk(planned, null)[^1], EventHash.ToHex(rows[^1].Hash));
    }

    [Fact]
    public void Rows_the_helper_hashed_carry_the_chain_of_one_walk()
    {
        var planned = Planned(1_000);
        var rows = ChainedRows.Create(planned, null);

        rows.HashAhead();

        Assert.Equal(planned.Count, rows.Ready);
        Assert.Equal(Walk(planned, null), rows.Select(r => EventHash.ToHex(r.Hash)));
    }

    [Fact]
    public async Task A_helper_stopped_before_it_starts_never_runs_and_the_reader_hashes_the_rows()
    {
        var planned = Planned(1_000);
        var rows = ChainedRows.Create(planned, null);

        await rows.StopAsync();
        rows.HashAhead();

        Assert.Equal(0, rows.Ready);
        Assert.Equal(Walk(planned, null), rows.Select(r => EventHash.ToHex(r.Hash)));
    }

    [Fact]
    public void A_reader_ahead_of_the_helper_hashes_up_to_its_row_and_the_helper_goes_on_from_there()
    {
        var planned = Planned(1_000);
        var rows = ChainedRows.Create(planned, null);

        var row = rows[300];
        var readyAfterRead = rows.Ready;
        rows.HashAhead();

        Assert.Equal(3 * ChainedRows.Chunk, readyAfterRead);
        Assert.Equal(Walk(planned, null)[300], EventHash.ToHex(row.Hash));
        Assert.Equal(planned.Count, rows.Ready);
        Assert.Equal(Walk(planned, null), rows.Select(r => EventHash.ToHex(r.Hash)));
    }

    [Fact]
    public void An_index_outside_the_rows_is_refused()
    {
        var rows = ChainedRows.Start(Planned(10), null);

        Assert.Throws<ArgumentOutOfRangeException>(() => rows[10]);
        Assert.Throws<ArgumentOutOfRangeException>(() => rows[-1]);
    }

    private static List<EventRow> Planned(int count) =>
    [
        .. Enumerable.Range(0, count).Select(i => new EventRow(i + 1, new StreamName($"claim:c-{i % 37}"), i / 37,
            new EventData(Guid.CreateVersion7(Noon.AddSeconds(i)), "statement-asserted.v1",
                Encoding.UTF8.GetBytes($$"""{"id":"s-{{i}}"}"""), "{}"u8.ToArray()), Noon.AddMinutes(i / 100))),
    ];

    private static List<string> Walk(List<EventRow> planned, byte[]? head)
    {
        var previous = head ?? EventHash.Genesis.ToArray();
        var hashes = new List<string>();
        foreach (var row in planned)
        {
            previous = EventHash.Compute(row.Position, row.Stream.Value, row.Version, row.Data.Type, row.Data.EventId,
                row.RecordedAt, row.Data.Data.Span, row.Data.Metadata.Span, previous);
            hashes.Add(EventHash.ToHex(previous));
        }

        return hashes;
    }

    private static byte[] Hash(string text) => System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(text));
}
