using ClaimsLedger.Conformance;
using ClaimsLedger.Events;
using ClaimsLedger.Storage;
using ClaimsLedger.Storage.InMemory;
using ClaimsLedger.Validation;
using Microsoft.Extensions.Time.Testing;

namespace ClaimsLedger.Tests.Recording;

/// <summary>
/// A store whose change stamp can trail other processes' commits (PostgreSQL with notifications: the stamp moves when
/// the notification arrives): the ledger may skip a view's catch-up on its word, but must read the store before it
/// refuses a batch, since the index may merely be behind.
/// </summary>
public sealed class TrailingStampTests
{
    private static readonly ClaimRegistered Drone = new("drone-over-kremlin", "A drone flew over the Kremlin");

    private readonly FakeTimeProvider _clock = new(SampleEvents.After);

    [Fact]
    public async Task A_statement_on_a_claim_another_process_just_registered_is_recorded_before_the_stamp_moves()
    {
        var (other, writer, _) = await OpenTwoAsync();
        await other.RecordAsync(Drone);

        var result = await writer.RecordAsync(
            new StatementAsserted("mod-drone", Drone.Id, "russian-mod", SaidAt.Parse("2023-05-03"), "article"));

        Assert.Equal(1, result.Appended);
        Assert.Equal(7, writer.EventCount);
    }

    [Fact]
    public async Task A_batch_that_is_wrong_against_the_store_too_is_refused_after_reading_it()
    {
        var (other, writer, _) = await OpenTwoAsync();
        await other.RecordAsync(Drone);

        var refused = await Assert.ThrowsAsync<LedgerValidationException>(() => writer.RecordAsync(
            new StatementAsserted("mod-balloon", "balloon-over-kremlin", "russian-mod", SaidAt.Parse("2023-05-03"), "article")));

        Assert.Contains("balloon-over-kremlin", refused.Message, StringComparison.Ordinal);
        Assert.Equal(6, writer.EventCount);
    }

    [Fact]
    public async Task Views_trust_a_stamp_until_it_moves()
    {
        var (other, reader, store) = await OpenTwoAsync();
        await other.RecordAsync(SampleEvents.Assertion);

        var beforeTheStampMoves = await reader.GetClaimAsync(SampleEvents.Claim, reader.Now());
        store.Stamp++;
        var after = await reader.GetClaimAsync(SampleEvents.Claim, reader.Now());

        Assert.False(beforeTheStampMoves!.Contested);
        Assert.True(after!.Contested);
    }

    private Task<Ledger> OpenAsync(IEventStore store) =>
        Ledger.OpenAsync(store, new LedgerOptions { Clock = _clock });

    // Another process's ledger with the sample recorded, and this process's ledger on a store whose stamp trails.
    private async Task<(Ledger Other, Ledger Trailing, TrailingStampStore Store)> OpenTwoAsync()
    {
        var inner = new InMemoryEventStore(_clock);
        var other = await OpenAsync(inner);
        await other.RecordAsync(SampleEvents.Uncontested);
        var store = new TrailingStampStore(inner);
        return (other, await OpenAsync(store), store);
    }

    /// <summary>The in-memory store with a stamp that may trail: it moves only when a test says a notification came.</summary>
    private sealed class TrailingStampStore(InMemoryEventStore inner) : DelegatingStore(inner), IAppendStamp
    {
        public long Stamp { get; set; }

        public bool StampMayTrail => true;

        public long? ReadAppendStamp() => Stamp;
    }
}
