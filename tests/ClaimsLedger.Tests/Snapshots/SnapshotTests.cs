using Belgorod;
using ClaimsLedger.Conformance;
using ClaimsLedger.Events;
using ClaimsLedger.Serialization;
using ClaimsLedger.Snapshots;
using ClaimsLedger.Storage;
using ClaimsLedger.Storage.InMemory;
using Microsoft.Extensions.Time.Testing;

namespace ClaimsLedger.Tests.Snapshots;

/// <summary>
/// Ledger snapshots: a snapshot that matches the log is used; anything else (damaged, cut short, of another ledger,
/// ahead of the log) is rejected with a reason, and the ledger reads the whole store instead, so the views are
/// always those of a full replay.
/// </summary>
public sealed class SnapshotTests
{
    private readonly FakeTimeProvider _clock = new(BelgorodHistory.RecordedAt);

    private LedgerOptions Options(ILedgerSnapshotStore? snapshots = null) => new() { Clock = _clock, Snapshots = snapshots };

    [Fact]
    public async Task A_ledger_with_no_snapshot_saved_reads_the_whole_store()
    {
        var (store, _) = await RecordBelgorodAsync();
        var snapshots = new MemorySnapshotStore();

        var ledger = await Ledger.OpenAsync(store, Options(snapshots));

        Assert.Equal(SnapshotLoad.None, ledger.Snapshot);
        Assert.Equal(1, snapshots.Opened);
        Assert.Equal(Belgorod.Count, ledger.EventCount);
    }

    [Fact]
    public async Task A_snapshot_store_that_times_out_costs_the_snapshot_not_the_open()
    {
        var (store, full) = await RecordBelgorodAsync();

        var ledger = await Ledger.OpenAsync(store, Options(new TimingOutSnapshotStore()));

        Assert.Equal(SnapshotOutcome.Rejected, ledger.Snapshot.Outcome);
        Assert.Contains("could not be opened: the blob store timed out", ledger.Snapshot.Reason, StringComparison.Ordinal);
        await AssertSameViewsAsync(full, ledger);
    }

    private sealed class TimingOutSnapshotStore : ILedgerSnapshotStore
    {
        public Task<Stream?> OpenReadAsync(CancellationToken cancellationToken) =>
            throw new TaskCanceledException("the blob store timed out");

        public Task SaveAsync(Func<Stream, CancellationToken, Task> write, CancellationToken cancellationToken) =>
            throw new TaskCanceledException("the blob store timed out");
    }

    [Fact]
    public async Task An_empty_ledger_saves_no_snapshot()
    {
        var snapshots = new MemorySnapshotStore();
        var ledger = await Ledger.OpenAsync(new InMemoryEventStore(_clock), Options(snapshots));

        Assert.Null(await ledger.SaveSnapshotAsync());
        Assert.Null(snapshots.Bytes);
    }

    [Fact]
    public async Task Saving_a_snapshot_without_a_snapshot_store_says_what_is_missing()
    {
        var (_, ledger) = await RecordBelgorodAsync();

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => ledger.SaveSnapshotAsync());

        Assert.Contains("LedgerOptions.Snapshots", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_snapshot_ahead_of_the_log_is_rejected()
    {
        var (_, ledger) = await RecordBelgorodAsync();
        var snapshots = new MemorySnapshotStore();
        var saved = await (await Ledger.OpenAsync(ledger.Store, Options(snapshots))).SaveSnapshotAsync();
        var shorter = new InMemoryEventStore(_clock);
        await (await Ledger.OpenAsync(shorter, Options())).RecordAsync([.. BelgorodHistory.Registrations]);

        var reopened = await Ledger.OpenAsync(shorter, Options(snapshots));

        Assert.Equal(SnapshotOutcome.Rejected, reopened.Snapshot.Outcome);
        Assert.Equal(saved!.Position, reopened.Snapshot.Position);
        Assert.Contains($"holds no event at position {saved.Position}", reopened.Snapshot.Reason, StringComparison.Ordinal);
        Assert.Equal(BelgorodHistory.Registrations.Count, reopened.EventCount);
    }

    public static TheoryData<string, int> DamagedBytes { get; } = new()
    {
        { "not a ClaimsLedger snapshot", 0 },
        { "snapshot format 3 is not format 1 or 2", 8 },
        { "says event 88 and holds 89: the snapshot is damaged or from another ledger", 10 },
        { "another ledger", 50 },
        { "snapshot", -1000 },
        { "digest does not match", -1 },
    };

    [Theory]
    [MemberData(nameof(DamagedBytes))]
    public async Task A_damaged_snapshot_is_rejected_with_the_reason_and_the_views_are_those_of_a_full_replay(
        string reason, int offset)
    {
        var (store, full) = await RecordBelgorodAsync();
        var snapshots = await SavedSnapshotAsync(store);
        var at = offset >= 0 ? offset : snapshots.Bytes!.Length + offset;
        snapshots.Bytes![at] ^= 0x01;

        await AssertRejectedAsync(store, full, snapshots, reason);
    }

    [Theory]
    [InlineData(SnapshotVerification.Events)]
    [InlineData(SnapshotVerification.Head)]
    public async Task Any_byte_of_a_snapshot_changed_gets_it_rejected_never_an_exception_or_a_wrong_view(
        SnapshotVerification verification)
    {
        var (store, full) = await RecordBelgorodAsync();
        var good = (await SavedSnapshotAsync(store)).Bytes!;
        var expected = (await full.GetBoardAsync(full.Now())).ToJson();

        // Checking the head, a load with an index image reads the header and the image (with its own digest) and
        // never the events after it: a change there is not noticed, and not served either.
        var imageEnd = ImageEnd(good);
        for (var at = 0; at < good.Length; at += 11)
        {
            foreach (var flip in new byte[] { 0x01, 0x80, 0xFF })
            {
                var damaged = (byte[])good.Clone();
                damaged[at] ^= flip;

                var ledger = await Ledger.OpenAsync(store,
                    Options(new MemorySnapshotStore { Bytes = damaged }) with { SnapshotVerification = verification });

                var read = verification == SnapshotVerification.Events || at < imageEnd;
                Assert.True(ledger.Snapshot.Outcome == (read ? SnapshotOutcome.Rejected : SnapshotOutcome.Used),
                    $"byte {at} ^ {flip:x2}: {ledger.Snapshot.Outcome}, {ledger.Snapshot.Reason}");
                Assert.Equal(expected, (await ledger.GetBoardAsync(full.Now())).ToJson());
            }
        }
    }

    [Theory]
    [InlineData(5)]
    [InlineData(60)]
    [InlineData(200)]
    [InlineData(-40)]
    [InlineData(-1)]
    public async Task A_snapshot_cut_short_is_rejected(int length)
    {
        var (store, full) = await RecordBelgorodAsync();
        var snapshots = await SavedSnapshotAsync(store);
        snapshots.Bytes = snapshots.Bytes![..(length >= 0 ? length : snapshots.Bytes.Length + length)];

        await AssertRejectedAsync(store, full, snapshots, "cut short");
    }

    [Fact]
    public async Task A_snapshot_with_bytes_after_its_digest_is_rejected()
    {
        var (store, _) = await RecordBelgorodAsync();
        var snapshots = await SavedSnapshotAsync(store);
        snapshots.Bytes = [.. snapshots.Bytes!, 0];

        var ledger = await Ledger.OpenAsync(store, Options(snapshots));

        Assert.Contains("bytes after its digest", ledger.Snapshot.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_snapshot_whose_event_does_not_decode_is_rejected_even_with_a_valid_digest()
    {
        var (store, full) = await RecordBelgorodAsync();
        var snapshots = await ForgedAsync(store, e => e.Sequence == 5 ? e with { Data = "{\"id\":\"not a slug!\"}"u8.ToArray() } : e);

        await AssertRejectedAsync(store, full, snapshots, "does not load");
    }

    [Fact]
    public async Task A_snapshot_rewritten_with_a_changed_statement_and_a_fresh_digest_is_rejected_by_the_chain()
    {
        var (store, full) = await RecordBelgorodAsync();
        var denial = await store.ReadAllForwardsAsync(GlobalPosition.Start).FirstAsync(e => e.Type == "statement-denied.v1");
        var snapshots = await ForgedAsync(store, e => e.EventId == denial.EventId
            ? e with
            {
                Type = "statement-asserted.v1",
                Data = EventSerializer.Serialize(EventSerializer.Deserialize(e.Type, e.Data.Span) switch
                {
                    StatementDenied d => new StatementAsserted(d.Id, d.Claim, d.Actor, d.SaidAt, d.Source) { Quote = d.Quote },
                    var other => other,
                }),
            }
            : e);

        await AssertRejectedAsync(store, full, snapshots, "the snapshot's events are not the log's");
    }

    [Fact]
    public async Task Checking_only_the_head_uses_a_good_snapshot_and_trusts_its_events_as_documented()
    {
        var (store, full) = await RecordBelgorodAsync();
        var good = await SavedSnapshotAsync(store);
        var denial = await store.ReadAllForwardsAsync(GlobalPosition.Start).FirstAsync(e => e.Type == "statement-denied.v1");
        var rewritten = await ForgedAsync(store, e => e.EventId == denial.EventId
            ? e with { Data = EventSerializer.Serialize(((StatementDenied)EventSerializer.Deserialize(e.Type, e.Data.Span)) with { Quote = "rewritten" }) }
            : e);

        var fromGood = await Ledger.OpenAsync(store, Options(good) with { SnapshotVerification = SnapshotVerification.Head });
        var fromRewritten = await Ledger.OpenAsync(store, Options(rewritten) with { SnapshotVerification = SnapshotVerification.Head });
        var checkedFully = await Ledger.OpenAsync(store, Options(rewritten));

        Assert.Equal(SnapshotOutcome.Used, fromGood.Snapshot.Outcome);
        await AssertSameViewsAsync(full, fromGood);
        Assert.Equal(SnapshotOutcome.Used, fromRewritten.Snapshot.Outcome);
        Assert.Equal(SnapshotOutcome.Rejected, checkedFully.Snapshot.Outcome);
        await AssertSameViewsAsync(full, checkedFully);
    }

    /// <summary>A snapshot written from the store's events, changed by <paramref name="change"/>, with the log's real
    /// last hash in its header and a digest that matches its bytes: what someone editing the file would make.</summary>
    private static async Task<MemorySnapshotStore> ForgedAsync(IEventStore store, Func<RecordedEvent, RecordedEvent> change)
    {
        var events = await store.ReadAllForwardsAsync(GlobalPosition.Start).ToListAsync();
        var last = events[^1];
        using var forged = new MemoryStream();
        using var writer = new SnapshotWriter(forged);
        await writer.WriteHeaderAsync(new SnapshotHeader(events.Count, last.Position, last.Sequence, last.Hash.ToArray()),
            CancellationToken.None);
        await writer.WriteImageAsync(ReadOnlyMemory<byte>.Empty, CancellationToken.None);
        foreach (var e in events)
        {
            await writer.AddAsync(change(e), CancellationToken.None);
        }

        await writer.CompleteAsync(CancellationToken.None);
        return new MemorySnapshotStore { Bytes = forged.ToArray() };
    }

    [Fact]
    public async Task A_ledger_loading_in_the_background_loads_its_snapshot_and_then_the_rest()
    {
        var (store, full) = await RecordBelgorodAsync();
        var snapshots = await SavedSnapshotAsync(store);
        _clock.SetUtcNow(BelgorodHistory.CorrectedAt);
        await full.RecordAsync(BelgorodHistory.Correction);

        var ledger = await Ledger.OpenAsync(store, Options(snapshots) with { LoadInBackground = true });
        await ledger.Loaded;

        Assert.Equal(SnapshotOutcome.Used, ledger.Snapshot.Outcome);
        Assert.Equal(Belgorod.Count, ledger.Snapshot.Events);
        Assert.Equal(full.EventCount, ledger.EventCount);
        await AssertSameViewsAsync(full, ledger);
    }

    [Fact]
    public async Task A_snapshot_of_many_blocks_and_corrections_loads_to_the_views_of_a_full_replay()
    {
        var store = new InMemoryEventStore(_clock);
        var full = await Ledger.OpenAsync(store, Options());
        await full.RecordAsync([.. ManyStatements.Registrations()]);
        foreach (var batch in ManyStatements.Statements(12_000).Chunk(2_000))
        {
            await full.RecordAsync(batch);
            _clock.Advance(TimeSpan.FromMinutes(1));
        }

        await full.RecordAsync([.. ManyStatements.Corrections(12_000)]);
        var snapshots = await SavedSnapshotAsync(store);
        Assert.True(snapshots.Bytes!.Length > 2 << 20, $"the snapshot is {snapshots.Bytes.Length} bytes, under 3 blocks");

        var ledger = await Ledger.OpenAsync(store, Options(snapshots));

        Assert.Equal(SnapshotOutcome.Used, ledger.Snapshot.Outcome);
        Assert.Equal(full.EventCount, ledger.EventCount);
        foreach (var minutes in new[] { 0, 2, 5, 7 })
        {
            var asOf = AsOf.At(BelgorodHistory.RecordedAt.AddMinutes(minutes));
            Assert.Equal((await full.GetBoardAsync(asOf)).ToJson(), (await ledger.GetBoardAsync(asOf)).ToJson());
        }

        Assert.Equal((await full.GetBoardAsync(full.Now())).ToJson(), (await ledger.GetBoardAsync(ledger.Now())).ToJson());
    }

    [Fact]
    public async Task Checking_the_head_loads_the_index_image_which_then_records_and_answers_as_a_full_replay()
    {
        var store = new InMemoryEventStore(_clock);
        var full = await Ledger.OpenAsync(store, Options());
        await full.RecordAsync([.. BelgorodHistory.Registrations, .. BelgorodHistory.Statements]);
        await full.RecordAsync([.. ManyStatements.Registrations()]);
        await full.RecordAsync([.. ManyStatements.Statements(3_000)]);
        await full.RecordAsync([.. ManyStatements.Corrections(3_000)]);
        var snapshots = await SavedSnapshotAsync(store);
        var head = Options(snapshots) with { SnapshotVerification = SnapshotVerification.Head };

        var ledger = await Ledger.OpenAsync(store, head);

        Assert.Equal(SnapshotOutcome.Used, ledger.Snapshot.Outcome);
        Assert.Equal(full.EventCount, ledger.EventCount);
        await AssertSameViewsAsync(full, ledger);
        Assert.Equal((await full.GetBoardAsync(full.Now())).ToJson(), (await ledger.GetBoardAsync(ledger.Now())).ToJson());

        // The loaded index goes on: the correction of a statement the image holds, and new statements on its claims.
        _clock.SetUtcNow(BelgorodHistory.CorrectedAt.AddDays(1));
        await ledger.RecordAsync(BelgorodHistory.Correction);
        await ledger.RecordAsync([.. ManyStatements.Statements(3_300).Skip(3_000)]);
        var replayed = await Ledger.OpenAsync(store, Options());
        await AssertSameViewsAsync(replayed, ledger);
        foreach (var actor in new[] { "actor-00", "actor-07" })
        {
            Assert.Equal((await replayed.GetActorAsync(actor, replayed.Now()))?.ToJson(),
                (await ledger.GetActorAsync(actor, ledger.Now()))?.ToJson());
        }

        Assert.Equal((await replayed.GetTimelineAsync(ClaimsLedger.Views.TimelineQuery.All, replayed.Now())).ToJson(),
            (await ledger.GetTimelineAsync(ClaimsLedger.Views.TimelineQuery.All, ledger.Now())).ToJson());
        Assert.Null(await ledger.RecordAsync(BelgorodHistory.Correction) is { Appended: > 0 } ? "appended twice" : null);
    }

    [Fact]
    public async Task A_snapshot_without_an_index_image_loads_from_its_events_under_either_check()
    {
        var (store, full) = await RecordBelgorodAsync();
        var events = await ForgedAsync(store, e => e);

        foreach (var verification in new[] { SnapshotVerification.Events, SnapshotVerification.Head })
        {
            var ledger = await Ledger.OpenAsync(store, Options(events) with { SnapshotVerification = verification });

            Assert.Equal(SnapshotOutcome.Used, ledger.Snapshot.Outcome);
            await AssertSameViewsAsync(full, ledger);
        }
    }

    /// <summary>Where a format 2 snapshot's index image and its digest end: the header, the length, the image, 32 bytes.</summary>
    private static int ImageEnd(byte[] snapshot)
    {
        var header = SnapshotWriter.Magic.Length + 2 + (8 * 4) + 1 + snapshot[SnapshotWriter.Magic.Length + 2 + (8 * 4)];
        var length = BitConverter.ToInt64(snapshot, header);
        Assert.True(length > 0, "the snapshot has no index image");
        return header + 8 + (int)length + 32;
    }

    private static class Belgorod
    {
        public static long Count => BelgorodHistory.Registrations.Count + BelgorodHistory.Statements.Count;
    }

    private async Task<MemorySnapshotStore> SavedSnapshotAsync(IEventStore store)
    {
        var snapshots = new MemorySnapshotStore();
        var ledger = await Ledger.OpenAsync(store, Options(snapshots));
        Assert.NotNull(await ledger.SaveSnapshotAsync());
        return snapshots;
    }

    private async Task<(InMemoryEventStore Store, Ledger Ledger)> RecordBelgorodAsync()
    {
        var store = new InMemoryEventStore(_clock);
        var ledger = await Ledger.OpenAsync(store, Options());
        await ledger.RecordAsync([.. BelgorodHistory.Registrations, .. BelgorodHistory.Statements]);
        return (store, ledger);
    }

    /// <summary>Opens a ledger on <paramref name="store"/> with <paramref name="snapshots"/>: the snapshot must be
    /// rejected for <paramref name="reason"/>, and the views must be those of the full replay.</summary>
    private async Task AssertRejectedAsync(IEventStore store, Ledger full, ILedgerSnapshotStore snapshots, string reason)
    {
        var ledger = await Ledger.OpenAsync(store, Options(snapshots));

        Assert.Equal(SnapshotOutcome.Rejected, ledger.Snapshot.Outcome);
        Assert.Contains(reason, ledger.Snapshot.Reason, StringComparison.Ordinal);
        await AssertSameViewsAsync(full, ledger);
    }

    private static async Task AssertSameViewsAsync(Ledger expected, Ledger actual)
    {
        Assert.Equal(expected.EventCount, actual.EventCount);
        foreach (var date in BelgorodHistory.BoardDates)
        {
            var asOf = expected.Now().WithSaid(AsOf.EndOfDay(date));
            Assert.Equal((await expected.GetBoardAsync(asOf)).ToJson(), (await actual.GetBoardAsync(asOf)).ToJson());
        }
    }
}
