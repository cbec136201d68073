using Belgorod;
using ClaimsLedger.Events;
using ClaimsLedger.Serialization;
using ClaimsLedger.Storage;
using ClaimsLedger.Storage.InMemory;
using ClaimsLedger.Tests.Snapshots;
using Microsoft.Extensions.Time.Testing;

namespace ClaimsLedger.Tests.Recording;

/// <summary>
/// A long catch-up (an open) reads the next batch while the one before is folded on another thread: the index must
/// end up exactly as a one-by-one fold, and a bad event anywhere must still fail the open, naming it.
/// </summary>
public sealed class LongCatchUpTests
{
    private readonly FakeTimeProvider _clock = new(BelgorodHistory.RecordedAt);

    [Fact]
    public async Task A_ledger_opened_on_thousands_of_events_has_the_views_of_the_ledger_that_recorded_them()
    {
        var (store, recorder) = await RecordManyAsync(10_000);

        var opened = await Ledger.OpenAsync(store, new LedgerOptions { Clock = _clock });

        Assert.Equal(recorder.EventCount, opened.EventCount);
        Assert.Equal((await recorder.GetBoardAsync(recorder.Now())).ToJson(), (await opened.GetBoardAsync(opened.Now())).ToJson());
        var earlier = AsOf.At(BelgorodHistory.RecordedAt.AddMinutes(2));
        Assert.Equal((await recorder.GetBoardAsync(earlier)).ToJson(), (await opened.GetBoardAsync(earlier)).ToJson());
    }

    [Fact]
    public async Task A_ledger_whose_open_trimmed_its_index_takes_new_statements_and_keeps_the_views_of_the_recorder()
    {
        // 10,000 statements: the open folds more than the trim threshold, so the opened index gives back its spare
        // room, and every claim and actor then grows again from exactly full.
        var (store, recorder) = await RecordManyAsync(10_000);
        var opened = await Ledger.OpenAsync(store, new LedgerOptions { Clock = _clock });
        Assert.True(opened.Read(index => index.Claims.Values.All(c => c.Capacity == c.Statements.Length)),
            "the open did not trim the claims' rows");
        Assert.False(opened.Read(index => index.Loading), "the index is still marked as loading after the open");

        _clock.Advance(TimeSpan.FromMinutes(1));
        var more = ManyStatements.Statements(12_000).Skip(10_000).ToList();
        await opened.RecordAsync(more);
        await opened.RecordAsync([
            new StatementStruck("strike-late", "s-00003", "recorded in error"),
            new StatementAmended("fix-late", "s-10001", new StatementChanges { Certainty = Certainty.Probable }, "misread"),
        ]);

        Assert.Equal((await opened.GetBoardAsync(opened.Now())).ToJson(), (await recorder.GetBoardAsync(recorder.Now())).ToJson());
        var beforeTheNewOnes = AsOf.At(BelgorodHistory.RecordedAt.AddMinutes(3));
        Assert.Equal((await opened.GetBoardAsync(beforeTheNewOnes)).ToJson(),
            (await recorder.GetBoardAsync(beforeTheNewOnes)).ToJson());
        Assert.Equal(recorder.EventCount, opened.EventCount);
    }

    [Fact]
    public async Task A_bad_event_after_several_batches_fails_the_open_and_names_its_position()
    {
        var (store, _) = await RecordManyAsync(9_000);
        await store.AppendToStreamAsync(new StreamName("claim-claim-00"), ExpectedVersion.Any,
            [new EventData(Guid.NewGuid(), "statement-asserted.v1", "{\"id\":"u8.ToArray(), "{}"u8.ToArray())]);
        var last = await store.ReadLastAsync();

        var error = await Assert.ThrowsAsync<LedgerFormatException>(() =>
            Ledger.OpenAsync(store, new LedgerOptions { Clock = _clock }));

        Assert.Contains($"event at position {last!.Position} in stream 'claim-claim-00' (statement-asserted.v1)",
            error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bad_event_inside_a_batch_fails_the_catch_up_after_folding_the_events_before_it()
    {
        // The bad event sits in the middle of a full batch of the catch-up (the third of 1,024 events), which is
        // decoded before it is handed to the fold, while the fold of the batch before may still run.
        var (recorded, _) = await RecordManyAsync(9_000);
        var store = new InMemoryEventStore(_clock);
        var reader = await Ledger.OpenAsync(store, new LedgerOptions { Clock = _clock });
        var copied = 0L;
        await foreach (var e in recorded.ReadAllAsync(ReadDirection.Forwards, GlobalPosition.Start, long.MaxValue))
        {
            if (copied == 2_500)
            {
                await store.AppendToStreamAsync(new StreamName("claim-claim-00"), ExpectedVersion.Any,
                    [new EventData(Guid.NewGuid(), "statement-asserted.v1", "{\"id\":"u8.ToArray(), "{}"u8.ToArray())]);
            }

            await store.AppendToStreamAsync(e.Stream, ExpectedVersion.Any,
                [new EventData(e.EventId, e.Type, e.Data.ToArray(), e.Metadata.ToArray())]);
            copied++;
        }

        var error = await Assert.ThrowsAsync<LedgerFormatException>(() => reader.CatchUpAsync());

        Assert.Contains("event at position 2501 in stream 'claim-claim-00' (statement-asserted.v1)", error.Message,
            StringComparison.Ordinal);
        Assert.Equal(2_500, reader.EventCount);
        Assert.True(reader.Read(index => index.Claims.Values.All(c => c.IsSettled)),
            "the failed catch-up left claims out of statement order, which parallel readers would sort at once");
    }

    private async Task<(InMemoryEventStore Store, Ledger Recorder)> RecordManyAsync(int statements)
    {
        var store = new InMemoryEventStore(_clock);
        var recorder = await Ledger.OpenAsync(store, new LedgerOptions { Clock = _clock });
        await recorder.RecordAsync([.. ManyStatements.Registrations()]);
        foreach (var batch in ManyStatements.Statements(statements).Chunk(1_500))
        {
            await recorder.RecordAsync(batch);
            _clock.Advance(TimeSpan.FromMinutes(1));
        }

        await recorder.RecordAsync([.. ManyStatements.Corrections(statements)]);
        return (store, recorder);
    }
}
