using ClaimsLedger.Integrity;
using ClaimsLedger.Storage;
using Microsoft.Extensions.Time.Testing;
using Xunit;
using static ClaimsLedger.Conformance.StoreTestData;

namespace ClaimsLedger.Conformance;

/// <summary>
/// Someone with write access to the database changes history behind the library's back; verification names the first
/// event where the chain breaks, and what does not match. Runs unchanged against each SQL store.
/// </summary>
public abstract class TamperContract
{
    private const int Events = 10;

    /// <summary>The store clock.</summary>
    protected FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2023, 5, 26, 12, 0, 0, TimeSpan.Zero));

    /// <summary>Creates a store on a database of its own.</summary>
    protected abstract Task<IEventStore> CreateStoreAsync(TimeProvider clock);

    /// <summary>Opens a second store on <paramref name="store"/>'s database that writes without the chain.</summary>
    protected abstract Task<IEventStore> OpenUnchainedAsync(IEventStore store, TimeProvider clock);

    /// <summary>
    /// Runs SQL on the store's database directly, with <c>{events}</c> replaced by its events table and @name parameters.
    /// </summary>
    protected abstract Task ExecuteAsync(IEventStore store, string sql, params (string Name, object Value)[] parameters);

    [SkippableFact]
    public async Task An_untouched_ledger_verifies_with_its_head()
    {
        await using var store = await LedgerOfTenAsync();

        var report = await LedgerIntegrity.VerifyAsync(store);

        Assert.True(report.IsIntact, report.ToString());
        Assert.Equal(Events, report.Head!.Size);
        Assert.StartsWith($"OK: {Events} events, head claims-ledger-digest/v1/{Events}/", report.ToString(), StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task A_changed_byte_of_a_payload_is_caught_as_changed_content_at_its_position()
    {
        await using var store = await LedgerOfTenAsync();
        var data = (await EventAtAsync(store, 4)).Data.ToArray();
        data[^2] ^= 1;

        await ExecuteAsync(store, "UPDATE {events} SET data = @data WHERE position = 4", ("data", data));

        await AssertBrokenAsync(store, sequence: 4, position: 4, IntegrityProblem.Content, "its content hashes to");
    }

    [SkippableFact]
    public async Task A_deleted_row_is_caught_as_missing_where_it_was()
    {
        await using var store = await LedgerOfTenAsync();

        await ExecuteAsync(store, "DELETE FROM {events} WHERE position = 6");

        await AssertBrokenAsync(store, sequence: 6, position: 7, IntegrityProblem.Missing,
            "expected sequence 6, found 7: 1 event(s) before it are missing");
    }

    [SkippableFact]
    public async Task Two_rows_swapped_are_caught_as_a_broken_link_at_the_first()
    {
        await using var store = await LedgerOfTenAsync();

        await ExecuteAsync(store, "UPDATE {events} SET position = -1 WHERE position = 3");
        await ExecuteAsync(store, "UPDATE {events} SET position = 3 WHERE position = 4");
        await ExecuteAsync(store, "UPDATE {events} SET position = 4 WHERE position = -1");

        await AssertBrokenAsync(store, sequence: 3, position: 3, IntegrityProblem.Link, "is not the hash of the event before it");
    }

    [SkippableFact]
    public async Task A_changed_recorded_at_is_caught_as_changed_content_at_its_position()
    {
        await using var store = await LedgerOfTenAsync();

        await ExecuteAsync(store, "UPDATE {events} SET recorded_at = recorded_at + 1 WHERE position = 5");

        await AssertBrokenAsync(store, sequence: 5, position: 5, IntegrityProblem.Content, "its content hashes to");
    }

    [SkippableFact]
    public async Task A_row_rehashed_after_its_change_is_caught_at_the_next_link()
    {
        await using var store = await LedgerOfTenAsync();
        var e = await EventAtAsync(store, 7);
        var data = e.Data.ToArray();
        data[^2] ^= 1;
        var hash = EventHash.Compute(7, e.Stream.Value, e.StreamVersion, e.Type, e.EventId, e.RecordedAt, data, e.Metadata.Span,
            e.PreviousHash.Span);

        await ExecuteAsync(store, "UPDATE {events} SET data = @data, hash = @hash WHERE position = 7", ("data", data), ("hash", hash));

        await AssertBrokenAsync(store, sequence: 8, position: 8, IntegrityProblem.Link, "is not the hash of the event before it");
    }

    [SkippableFact]
    public async Task Removing_the_newest_rows_is_caught_only_against_a_digest_published_before()
    {
        await using var store = await LedgerOfTenAsync();
        var published = await LedgerIntegrity.DigestAsync(store);

        await ExecuteAsync(store, "DELETE FROM {events} WHERE position > 8");

        Assert.True((await LedgerIntegrity.VerifyAsync(store)).IsIntact);
        var report = await LedgerIntegrity.VerifyAsync(store, extends: published);
        Assert.Equal(IntegrityProblem.Digest, report.Break?.Problem);
        Assert.Contains($"the ledger holds 8 events, fewer than the digest's {Events}", report.Break!.Message, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task A_proof_for_a_tampered_ledger_is_refused()
    {
        await using var store = await LedgerOfTenAsync();
        var eventId = (await EventAtAsync(store, 9)).EventId;

        await ExecuteAsync(store, "UPDATE {events} SET recorded_at = recorded_at + 1 WHERE position = 2");

        var error = await Assert.ThrowsAsync<LedgerIntegrityException>(() => LedgerIntegrity.ProveEventAsync(store, eventId));
        Assert.Contains("BROKEN at sequence 2", error.Message, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Events_a_writer_left_without_hashes_are_chained_by_the_next_append()
    {
        await using var store = await LedgerOfTenAsync();
        var published = await LedgerIntegrity.DigestAsync(store);
        await using (var unchained = await OpenUnchainedAsync(store, Clock))
        {
            await unchained.AppendToStreamAsync(NewStream("older-writer"), ExpectedVersion.NoStream, Batch(3));
        }

        var before = await LedgerIntegrity.VerifyAsync(store);
        await store.AppendToStreamAsync(NewStream("newer-writer"), ExpectedVersion.NoStream, Batch(2));
        var after = await LedgerIntegrity.VerifyAsync(store, extends: published);

        Assert.Equal((11, IntegrityProblem.Unhashed), (before.Break?.Sequence, before.Break?.Problem));
        Assert.True(after.IsIntact, after.ToString());
        Assert.Equal(Events + 5, after.Head!.Size);
    }

    [SkippableFact]
    public async Task An_append_refuses_to_extend_a_head_whose_hash_was_changed()
    {
        await using var store = await LedgerOfTenAsync();

        await ExecuteAsync(store, "UPDATE {events} SET hash = @hash WHERE position = 10", ("hash", new byte[32]));

        var error = await Assert.ThrowsAsync<LedgerStoreException>(() =>
            store.AppendToStreamAsync(NewStream("later"), ExpectedVersion.NoStream, Batch(1)));
        Assert.Contains("the head's hash is not the hash of the last event (position 10)", error.Message, StringComparison.Ordinal);
        Assert.Equal(Events, await store.ReadAllForwardsAsync(GlobalPosition.Start).CountAsync());
    }

    private async Task<IEventStore> LedgerOfTenAsync()
    {
        var store = await CreateStoreAsync(Clock);
        var (claim, actor) = (NewStream("raid"), NewStream("podolyak"));
        await store.AppendToStreamAsync(claim, ExpectedVersion.NoStream, Batch(3));
        Clock.Advance(TimeSpan.FromMinutes(1));
        await store.AppendAsync([new StreamAppend(actor, ExpectedVersion.NoStream, Batch(2, 3)),
            new StreamAppend(claim, ExpectedVersion.Exactly(2), Batch(2, 5))]);
        Clock.Advance(TimeSpan.FromMinutes(1));
        await store.AppendToStreamAsync(claim, ExpectedVersion.Exactly(4), Batch(3, 7));
        return store;
    }

    private static async Task<RecordedEvent> EventAtAsync(IEventStore store, long position) =>
        await store.ReadAllForwardsAsync(GlobalPosition.FromSequence(position)).FirstAsync();

    private static async Task AssertBrokenAsync(IEventStore store, long sequence, long position, IntegrityProblem problem,
        string message)
    {
        var report = await LedgerIntegrity.VerifyAsync(store);

        Assert.False(report.IsIntact, "the tampering went unnoticed");
        Assert.Equal((sequence, GlobalPosition.FromSequence(position), problem),
            (report.Break!.Sequence, report.Break.Position, report.Break.Problem));
        Assert.Contains(message, report.Break.Message, StringComparison.Ordinal);
        Assert.StartsWith($"BROKEN at sequence {sequence} (position {position}): {problem.ToString().ToLowerInvariant()}: ",
            report.ToString(), StringComparison.Ordinal);
        Assert.Null(report.Head);
    }
}
