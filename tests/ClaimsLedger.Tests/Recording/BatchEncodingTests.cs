using ClaimsLedger.Events;
using ClaimsLedger.Recording;
using ClaimsLedger.Serialization;
using ClaimsLedger.Storage.InMemory;
using ClaimsLedger.Tests.Snapshots;
using ClaimsLedger.Validation;
using Microsoft.Extensions.Time.Testing;

namespace ClaimsLedger.Tests.Recording;

/// <summary>
/// A batch's events encoded on a helper while the batch is validated: each comes out exactly as encoding it alone
/// gives, whoever encoded it, and a refused batch leaves no work behind.
/// </summary>
public sealed class BatchEncodingTests
{
    private static readonly byte[] Metadata = """{"correlationId":"c"}"""u8.ToArray();

    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2023, 6, 1, 0, 0, 0, TimeSpan.Zero));

    [Theory]
    [InlineData(10, false)]
    [InlineData(3_000, false)]
    [InlineData(3_000, true)]
    public void Every_event_is_encoded_as_it_is_alone(int count, bool expectRepeats)
    {
        var events = Batch(count);

        var encoding = BatchEncoding.Start(events, Metadata, foldedForms: true, expectRepeats);
        encoding.Finish();

        AssertEncodedAsAlone(events, encoding);
    }

    [Fact]
    public void Events_the_helper_encoded_are_encoded_as_alone()
    {
        var events = Batch(3_000);
        var encoding = BatchEncoding.Create(events, Metadata, foldedForms: true, expectRepeats: false);

        encoding.Help();

        Assert.Equal(events.Length, encoding.Encoded);
        AssertEncodedAsAlone(events, encoding);
    }

    [Fact]
    public void A_batch_after_repeats_or_below_the_threshold_is_not_encoded_ahead()
    {
        var afterRepeats = BatchEncoding.Create(Batch(3_000), Metadata, foldedForms: true, expectRepeats: true);
        var small = BatchEncoding.Create(Batch(BatchEncoding.HelperThreshold - 1), Metadata, foldedForms: true,
            expectRepeats: false);

        afterRepeats.Help();
        small.Help();

        Assert.Equal(0, afterRepeats.Encoded);
        Assert.Equal(0, small.Encoded);
    }

    [Fact]
    public void Without_folded_forms_none_are_made()
    {
        var events = Batch(1_000);

        var encoding = BatchEncoding.Start(events, Metadata, foldedForms: false, expectRepeats: false);
        encoding.Finish();

        Assert.All(Enumerable.Range(0, events.Length), i => Assert.Null(encoding.Get(i, events[i]).Form));
    }

    [Fact]
    public void An_abandoned_encoding_leaves_the_helper_no_work_and_still_encodes_what_is_asked_for()
    {
        var events = Batch(5_000);
        var encoding = BatchEncoding.Create(events, Metadata, foldedForms: true, expectRepeats: false);

        encoding.Abandon();
        encoding.Help();

        Assert.Equal(0, encoding.Encoded);
        Assert.Equal(EventSerializer.Serialize(events[^1], out _), encoding.Get(events.Length - 1, events[^1]).Data.Data.ToArray());
    }

    [Fact]
    public void An_event_other_than_the_one_encoded_ahead_is_encoded_again()
    {
        var events = Batch(1_000);
        var encoding = BatchEncoding.Create(events, Metadata, foldedForms: true, expectRepeats: false);
        encoding.Help();
        var other = new StatementAsserted("s-other", "claim-01", "actor-01", SaidAt.Day(new DateOnly(2023, 2, 1)), "wire");

        var (data, _) = encoding.Get(500, other);

        Assert.Equal(EventIds.For(other), data.EventId);
        Assert.Equal(EventSerializer.Serialize(other, out _), data.Data.ToArray());
    }

    [Fact]
    public void An_event_whose_encoding_throws_is_left_to_the_caller_who_gets_the_exception()
    {
        var events = Batch(1_000);
        events[600] = null!;
        var encoding = BatchEncoding.Create(events, Metadata, foldedForms: true, expectRepeats: false);

        encoding.Help();

        Assert.Equal(events.Length - 1, encoding.Encoded);
        Assert.ThrowsAny<Exception>(() => encoding.Get(600, null!));
    }

    [Fact]
    public async Task A_ledger_records_large_batches_and_their_repeats_as_a_fresh_reader_reads_them()
    {
        var store = new InMemoryEventStore(_clock);
        var writer = await OpenAsync(store);
        var events = ManyStatements.Registrations().Concat(ManyStatements.Statements(3_000)).ToList();

        var first = await writer.RecordAsync(events);
        var again = await writer.RecordAsync(events);
        var more = await writer.RecordAsync([.. ManyStatements.Corrections(3_000)]);
        var reader = await OpenAsync(store);

        Assert.Equal(events.Count, first.Appended);
        Assert.Equal((0, events.Count), (again.Appended, again.Unchanged));
        Assert.True(more.Appended > 0);
        Assert.Equal((await reader.GetBoardAsync(reader.Now())).ToJson(), (await writer.GetBoardAsync(writer.Now())).ToJson());
    }

    [Fact]
    public async Task A_large_batch_that_is_partly_repeats_appends_only_the_new_events_as_a_fresh_reader_reads_them()
    {
        var store = new InMemoryEventStore(_clock);
        var writer = await OpenAsync(store);
        var events = ManyStatements.Registrations().Concat(ManyStatements.Statements(3_000)).ToList();
        await writer.RecordAsync(events[..2_000]);

        var result = await writer.RecordAsync(events);
        var reader = await OpenAsync(store);

        Assert.Equal((events.Count - 2_000, 2_000), (result.Appended, result.Unchanged));
        Assert.Equal(events.Count, reader.EventCount);
        Assert.Equal((await reader.GetBoardAsync(reader.Now())).ToJson(), (await writer.GetBoardAsync(writer.Now())).ToJson());
    }

    [Fact]
    public async Task A_large_batch_with_an_event_that_cannot_be_encoded_is_refused_with_its_error_and_nothing_recorded()
    {
        var ledger = await OpenAsync(new InMemoryEventStore(_clock));
        var events = Batch(1_000).ToList();
        events[600] = null!;

        var refused = await Assert.ThrowsAsync<LedgerValidationException>(() => ledger.RecordAsync(events));

        Assert.Equal(600, Assert.Single(refused.Errors).Index);
        Assert.Equal(0, ledger.EventCount);
        events.RemoveAt(600);
        Assert.Equal(events.Count, (await ledger.RecordAsync(events)).Appended);
    }

    private Task<Ledger> OpenAsync(InMemoryEventStore store) =>
        Ledger.OpenAsync(store, new LedgerOptions { Clock = _clock });

    private static void AssertEncodedAsAlone(LedgerEvent[] events, BatchEncoding encoding)
    {
        for (var i = 0; i < events.Length; i++)
        {
            var (data, form) = encoding.Get(i, events[i]);
            var payload = EventSerializer.Serialize(events[i], out var decodesToItself);
            Assert.Equal(EventIds.For(events[i]), data.EventId);
            Assert.Equal(EventTypeNames.Of(events[i]), data.Type);
            Assert.Equal(payload, data.Data.ToArray());
            Assert.Equal(Metadata, data.Metadata.ToArray());
            Assert.Equal(StoredForm.Of(events[i], decodesToItself), form);
        }
    }

    private static LedgerEvent[] Batch(int count) =>
        [.. ManyStatements.Registrations().Concat(ManyStatements.Statements(count)).Take(count)];
}
