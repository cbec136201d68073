using Belgorod;
using ClaimsLedger.Events;
using ClaimsLedger.Interchange;
using ClaimsLedger.Snapshots;
using ClaimsLedger.Storage;
using ClaimsLedger.Storage.InMemory;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace ClaimsLedger.Conformance;

/// <summary>
/// The ledger's guarantees on top of a store: as-of views, idempotency, reopening, several ledgers sharing a store.
/// Every store's test project subclasses this; the in-memory store's views are the reference.
/// </summary>
public abstract class LedgerContract
{
    /// <summary>The ledger and store clock, starting when the Belgorod article was recorded.</summary>
    protected FakeTimeProvider Clock { get; } = new(BelgorodHistory.RecordedAt);

    /// <summary>Creates an empty store whose recordedAt comes from <paramref name="clock"/>.</summary>
    protected abstract Task<IEventStore> CreateStoreAsync(TimeProvider clock);

    /// <summary>Opens a second store on the same data as <paramref name="store"/> (a reopen, or another process).</summary>
    protected abstract Task<IEventStore> ReopenAsync(IEventStore store, TimeProvider clock);

    private LedgerOptions Options => new() { Clock = Clock };

    [SkippableFact]
    public async Task The_Belgorod_board_is_the_same_as_on_the_reference_store()
    {
        await using var store = await CreateStoreAsync(Clock);
        var reference = await RecordBelgorodAsync(new InMemoryEventStore(new FakeTimeProvider(BelgorodHistory.RecordedAt)));
        var ledger = await RecordBelgorodAsync(store);

        foreach (var date in BelgorodHistory.BoardDates)
        {
            var asOf = AsOf.At(BelgorodHistory.CorrectedAt).WithSaid(AsOf.EndOfDay(date));
            Assert.Equal((await reference.GetBoardAsync(asOf)).ToJson(), (await ledger.GetBoardAsync(asOf)).ToJson());
        }
    }

    [SkippableFact]
    public async Task Recorded_statements_survive_reopening_the_store()
    {
        await using var store = await CreateStoreAsync(Clock);
        var ledger = await RecordBelgorodAsync(store);
        var asOf = ledger.Now();
        var before = (await ledger.GetBoardAsync(asOf)).ToJson();

        await using var reopened = await ReopenAsync(store, Clock);
        var again = await Ledger.OpenAsync(reopened, Options);

        Assert.Equal(before, (await again.GetBoardAsync(asOf)).ToJson());
    }

    [SkippableFact]
    public async Task Recording_the_same_batch_again_changes_nothing()
    {
        await using var store = await CreateStoreAsync(Clock);
        var ledger = await RecordBelgorodAsync(store);
        var head = await store.ReadLastAsync();

        var again = await ledger.RecordAsync([.. BelgorodHistory.Registrations, .. BelgorodHistory.Statements]);

        Assert.Equal(0, again.Appended);
        Assert.Equal(BelgorodHistory.Registrations.Count + BelgorodHistory.Statements.Count, again.Unchanged);
        Assert.Equal(head!.Position, (await store.ReadLastAsync())!.Position);
    }

    /// <summary>The claims, the actors and the first source the Belgorod registrations register.</summary>
    private static (ClaimId[] Claims, ActorId[] Actors, SourceId Source) BelgorodRegistered() => (
        [.. BelgorodHistory.Registrations.OfType<ClaimRegistered>().Select(c => c.Id)],
        [.. BelgorodHistory.Registrations.OfType<ActorRegistered>().Select(a => a.Id)],
        BelgorodHistory.Registrations.OfType<SourceRegistered>().First().Id);

    [SkippableFact]
    public async Task A_large_batch_is_folded_in_as_the_store_holds_it()
    {
        await using var store = await CreateStoreAsync(Clock);
        var ledger = await Ledger.OpenAsync(store, Options);
        await ledger.RecordAsync(BelgorodHistory.Registrations);
        var (claims, actors, source) = BelgorodRegistered();
        // Large enough to be decoded on another core during the append; one quote holds a lone surrogate, which
        // the stored UTF-8 turns into U+FFFD: the index must show the stored text, not the one given.
        var statements = Enumerable.Range(0, 600).Select(i => (LedgerEvent)new StatementAsserted(
            $"bulk-{i:D4}", claims[i % claims.Length], actors[i % actors.Length], SaidAt.Parse("2023-05-23"), source)
        {
            Quote = i == 7 ? "lone \ud800 surrogate" : $"quote {i} \"é\"",
        }).ToList();

        var recorded = await ledger.RecordAsync(statements);
        await using var reopened = await ReopenAsync(store, Clock);
        var replayed = await Ledger.OpenAsync(reopened, Options);

        Assert.Equal(600, recorded.Appended);
        Assert.Equal(replayed.EventCount, ledger.EventCount);
        Assert.Equal((await replayed.GetTimelineAsync(Views.TimelineQuery.All, replayed.Now())).ToJson(),
            (await ledger.GetTimelineAsync(Views.TimelineQuery.All, ledger.Now())).ToJson());
        Assert.Contains("lone \ufffd surrogate",
            (await ledger.GetTimelineAsync(Views.TimelineQuery.All, ledger.Now())).Entries.Select(e => e.Statement.Quote));
    }

    [SkippableFact]
    public async Task A_ledger_longer_than_a_read_page_reopens_to_the_same_views_and_still_knows_its_registrations()
    {
        await using var store = await CreateStoreAsync(Clock);
        var ledger = await Ledger.OpenAsync(store, Options);
        await ledger.RecordAsync(BelgorodHistory.Registrations);
        var (claims, actors, source) = BelgorodRegistered();
        var middle = default(AsOf);
        for (var batch = 0; batch < 5; batch++)
        {
            // 2,500 statements over five recorded times: the store's reads come in pages of 1,000 events.
            Clock.Advance(TimeSpan.FromMinutes(1));
            await ledger.RecordAsync([.. Enumerable.Range(batch * 500, 500).Select(i => (LedgerEvent)new StatementDenied(
                $"page-{i:D4}", claims[i % claims.Length], actors[i % actors.Length], SaidAt.Parse("2023-05-24"), source)
            {
                Quote = $"quote {i} \u00e9",
            })]);
            middle = batch == 2 ? ledger.Now() : middle;
        }

        await using var reopened = await ReopenAsync(store, Clock);
        var replayed = await Ledger.OpenAsync(reopened, Options);

        Assert.Equal(ledger.EventCount, replayed.EventCount);
        foreach (var asOf in new[] { middle, ledger.Now() })
        {
            Assert.Equal((await ledger.GetTimelineAsync(Views.TimelineQuery.All, asOf)).ToJson(),
                (await replayed.GetTimelineAsync(Views.TimelineQuery.All, asOf)).ToJson());
        }

        // Links and affiliations are known as repeats by their event ids, which the reopened index read back.
        var again = await replayed.RecordAsync(BelgorodHistory.Registrations);
        Assert.Equal((0, BelgorodHistory.Registrations.Count), (again.Appended, again.Unchanged));
    }

    [SkippableFact]
    public async Task A_second_ledger_on_the_same_store_sees_the_first_ones_statements()
    {
        await using var store = await CreateStoreAsync(Clock);
        var first = await RecordBelgorodAsync(store);
        await using var otherStore = await ReopenAsync(store, Clock);
        var second = await Ledger.OpenAsync(otherStore, Options);

        Clock.SetUtcNow(BelgorodHistory.CorrectedAt);
        await first.RecordAsync(BelgorodHistory.Correction);

        var status = await second.GetClaimAsync("us-enables-attacks-in-russia", second.Now());
        Assert.Equal("miller", status!.Positions.Single().Actor.Id.Value);
    }

    [SkippableFact]
    public async Task Two_ledgers_recording_to_one_claim_at_once_both_succeed()
    {
        await using var store = await CreateStoreAsync(Clock);
        await RecordBelgorodAsync(store);
        var first = await Ledger.OpenAsync(store, Options with { ConcurrencyRetries = 50 });
        await using var otherStore = await ReopenAsync(store, Clock);
        var second = await Ledger.OpenAsync(otherStore, Options with { ConcurrencyRetries = 50 });
        const string claim = "ukraine-behind-belgorod-raid";

        var writes = Enumerable.Range(0, 10).Select(i =>
        {
            var ledger = i % 2 == 0 ? first : second;
            var actor = i % 2 == 0 ? "zelenskyy" : "shoigu";
            return Task.Run(() => ledger.RecordAsync(new ReactionExpressed($"reaction-{i}", claim, actor,
                SaidAt.Day(2023, 5, 25), "seed-article-2023-05-26", ReactionKind.Warns)));
        });
        await Task.WhenAll(writes);

        var status = await first.GetClaimAsync(claim, first.Now());
        Assert.Equal(10, status!.Reactions.Count(r => r.Statement.Value.StartsWith("reaction-", StringComparison.Ordinal)));
    }

    [SkippableFact]
    public async Task As_recorded_before_a_correction_the_view_shows_the_original()
    {
        await using var store = await CreateStoreAsync(Clock);
        var ledger = await RecordBelgorodAsync(store);
        var before = AsOf.At(BelgorodHistory.CorrectedAt).WithRecorded(ledger.Now().Recorded);
        Clock.SetUtcNow(BelgorodHistory.CorrectedAt);
        await ledger.RecordAsync(BelgorodHistory.Correction);

        var original = await ledger.GetClaimAsync("us-enables-attacks-in-russia", before);
        var corrected = await ledger.GetClaimAsync("us-enables-attacks-in-russia", ledger.Now());

        Assert.Equal("kirby", original!.Positions.Single().Actor.Id.Value);
        Assert.Equal("miller", corrected!.Positions.Single().Actor.Id.Value);
    }

    [SkippableFact]
    public async Task Bad_input_is_rejected_and_nothing_reaches_the_store()
    {
        await using var store = await CreateStoreAsync(Clock);
        var ledger = await RecordBelgorodAsync(store);
        var head = await store.ReadLastAsync();

        await Assert.ThrowsAsync<LedgerValidationException>(() => ledger.RecordAsync(
        [
            new StatementAsserted("fine", "raid-by-rdk-and-frl", "rdk", SaidAt.Day(2023, 5, 23), "seed-article-2023-05-26"),
            new StatementDenied("bad", "raid-by-rdk-and-frl", "nobody", SaidAt.Day(2023, 5, 23), "seed-article-2023-05-26"),
        ]));

        Assert.Equal(head!.Position, (await store.ReadLastAsync())!.Position);
    }

    [SkippableFact]
    public async Task Quotes_and_ids_that_look_like_sql_are_stored_and_read_back_verbatim()
    {
        await using var store = await CreateStoreAsync(Clock);
        var ledger = await Ledger.OpenAsync(store, Options);
        const string quote = "it's \"fine\"'); DROP TABLE events; DELETE FROM ledger_events WHERE 1=1; --";
        await ledger.RecordAsync(
        [
            new ClaimRegistered("drop-table-events", "Robert'); DROP TABLE students;--") { Incidents = ["select.from.where"] },
            new ActorRegistered("or-1-equals-1", "O'Brien; SELECT * FROM meta", ActorKind.Person),
            new SourceRegistered("union-select", "\"Publisher\"; --", "Title with 'quotes'"),
            new StatementAsserted("insert-into", "drop-table-events", "or-1-equals-1", SaidAt.Day(2023, 5, 22), "union-select")
            {
                Quote = quote,
            },
        ]);

        await using var reopened = await ReopenAsync(store, Clock);
        var status = await (await Ledger.OpenAsync(reopened, Options)).GetClaimAsync("drop-table-events", ledger.Now());

        var position = Assert.Single(status!.Positions);
        Assert.Equal(quote, position.Quote);
        Assert.Equal("O'Brien; SELECT * FROM meta", position.Actor.Name);
        Assert.Equal("Robert'); DROP TABLE students;--", status.Claim.Text);
        Assert.Equal("\"Publisher\"; --", position.Provenance.Source.Publisher);
    }

    [SkippableFact]
    public async Task An_export_restores_exactly_into_an_empty_store()
    {
        await using var source = await CreateStoreAsync(Clock);
        var original = await RecordBelgorodAsync(source);
        Clock.SetUtcNow(BelgorodHistory.CorrectedAt);
        await original.RecordAsync(BelgorodHistory.Correction);
        using var export = new StringWriter { NewLine = "\n" };
        await LedgerInterchange.ExportAsync(source, export);
        await using var target = await CreateStoreAsync(new FakeTimeProvider(new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero)));
        Skip.If(target is not IEventStoreRestore, "this store cannot restore an export atomically");
        var restored = await Ledger.OpenAsync(target, Options);

        var result = await LedgerInterchange.ImportAsync(restored, new StringReader(export.ToString()));

        Assert.Equal(ImportMode.Export, result.Mode);
        var before = await source.ReadAllForwardsAsync(GlobalPosition.Start).Select(Describe).ToListAsync();
        var after = await target.ReadAllForwardsAsync(GlobalPosition.Start).Select(Describe).ToListAsync();
        Assert.Equal(before, after);
        var asOf = AsOf.At(BelgorodHistory.CorrectedAt).WithRecorded(BelgorodHistory.RecordedAt);
        Assert.Equal((await original.GetBoardAsync(asOf)).ToJson(), (await restored.GetBoardAsync(asOf)).ToJson());
    }

    [SkippableFact]
    public async Task A_ledger_opened_from_its_snapshot_gives_the_views_of_a_full_replay_and_reads_only_what_came_after()
    {
        await using var store = await CreateStoreAsync(Clock);
        var snapshots = new MemorySnapshotStore();
        var first = await Ledger.OpenAsync(store, Options with { Snapshots = snapshots });
        await first.RecordAsync([.. BelgorodHistory.Registrations, .. BelgorodHistory.Statements]);
        var saved = await first.SaveSnapshotAsync();
        Clock.SetUtcNow(BelgorodHistory.CorrectedAt);
        await first.RecordAsync(BelgorodHistory.Correction);

        await using var reopened = await ReopenAsync(store, Clock);
        var counting = new CountingReader(reopened);
        var fromSnapshot = await Ledger.OpenAsync(counting, Options with { Snapshots = snapshots });
        var fullReplay = await Ledger.OpenAsync(reopened, Options);

        Assert.NotNull(saved);
        Assert.Equal(BelgorodHistory.Registrations.Count + BelgorodHistory.Statements.Count, saved.Events);
        Assert.Equal(new SnapshotLoad(SnapshotOutcome.Used, saved.Events, saved.Position, null), fromSnapshot.Snapshot);
        Assert.Equal(fullReplay.EventCount, fromSnapshot.EventCount);
        Assert.True(counting.LowestPositionReadInBulk >= saved.Position,
            $"the open read the store from {counting.LowestPositionReadInBulk}, before the snapshot's end {saved.Position}");
        foreach (var asOf in new[] { AsOf.At(BelgorodHistory.RecordedAt), AsOf.At(BelgorodHistory.CorrectedAt) }
                     .SelectMany(at => BelgorodHistory.BoardDates.Select(d => at.WithSaid(AsOf.EndOfDay(d)))))
        {
            Assert.Equal((await fullReplay.GetBoardAsync(asOf)).ToJson(), (await fromSnapshot.GetBoardAsync(asOf)).ToJson());
        }

        var claim = BelgorodHistory.Registrations.OfType<ClaimRegistered>().First().Id;
        Assert.Equal((await fullReplay.GetTimelineAsync(Views.TimelineQuery.All, fullReplay.Now())).ToJson(),
            (await fromSnapshot.GetTimelineAsync(Views.TimelineQuery.All, fromSnapshot.Now())).ToJson());
        Assert.Equal((await fullReplay.GetClaimAsync(claim, fullReplay.Now()))!.ToJson(),
            (await fromSnapshot.GetClaimAsync(claim, fromSnapshot.Now()))!.ToJson());

        // The ledger opened from the snapshot records on as usual.
        var more = await fromSnapshot.RecordAsync(BelgorodHistory.Statements);
        Assert.Equal(BelgorodHistory.Statements.Count, more.Unchanged);
    }

    [SkippableFact]
    public async Task A_snapshot_of_another_ledger_is_rejected_and_the_store_is_read_instead()
    {
        await using var store = await CreateStoreAsync(Clock);
        var snapshots = new MemorySnapshotStore();
        var other = await Ledger.OpenAsync(new InMemoryEventStore(Clock), Options with { Snapshots = snapshots });
        await other.RecordAsync([.. BelgorodHistory.Registrations]);
        await other.SaveSnapshotAsync();
        await RecordBelgorodAsync(store);

        var ledger = await Ledger.OpenAsync(store, Options with { Snapshots = snapshots });

        Assert.Equal(SnapshotOutcome.Rejected, ledger.Snapshot.Outcome);
        Assert.Contains("another ledger", ledger.Snapshot.Reason, StringComparison.Ordinal);
        Assert.Equal(BelgorodHistory.Registrations.Count + BelgorodHistory.Statements.Count, ledger.EventCount);
    }

    private static string Describe(RecordedEvent e) =>
        $"{e.Stream} {e.StreamVersion} {e.EventId} {e.Type} {e.RecordedAt:O} " +
        $"{Convert.ToBase64String(e.Data.Span)} {Convert.ToBase64String(e.Metadata.Span)}";

    private async Task<Ledger> RecordBelgorodAsync(IEventStore store)
    {
        var ledger = await Ledger.OpenAsync(store, Options);
        await ledger.RecordAsync([.. BelgorodHistory.Registrations, .. BelgorodHistory.Statements]);
        return ledger;
    }
}
