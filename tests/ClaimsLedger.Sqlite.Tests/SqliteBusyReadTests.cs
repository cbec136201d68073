using ClaimsLedger.Conformance;
using ClaimsLedger.Storage;
using Microsoft.Extensions.Time.Testing;
using SQLitePCL;

namespace ClaimsLedger.Sqlite.Tests;

/// <summary>
/// The read a ledger builds its index from runs on SQLite's own API, so it waits out a busy file itself, as
/// Microsoft.Data.Sqlite does for its commands: up to the store's busy timeout, then a clear error; any other failure
/// is reported at once. The busy file is staged through the store's interference hook (see its remarks for why).
/// </summary>
public sealed class SqliteBusyReadTests : IDisposable
{
    private static readonly IReadOnlyList<Events.LedgerEvent> Contested = [.. SampleEvents.Uncontested, SampleEvents.Assertion];

    private readonly TempFolder _folder = new();
    private readonly FakeTimeProvider _clock = new(SampleEvents.After);

    [Fact]
    public async Task An_open_that_finds_the_file_busy_waits_and_loads_every_event_once_it_is_free()
    {
        await using var store = await StoreWithEventsAsync(TimeSpan.FromSeconds(30));
        var attempts = 0;
        store.IndexReadInterference = () => ++attempts <= 3 ? raw.SQLITE_BUSY : raw.SQLITE_OK;

        var ledger = await Ledger.OpenAsync(store, new LedgerOptions { Clock = _clock });

        Assert.Equal(Contested.Count, ledger.EventCount);
        Assert.True((await ledger.GetClaimAsync(SampleEvents.Claim, ledger.Now()))!.Contested);
        Assert.Equal(4, attempts);
    }

    [Fact]
    public async Task A_file_still_busy_after_the_busy_timeout_fails_the_open_with_the_store_error()
    {
        await using var store = await StoreWithEventsAsync(TimeSpan.FromMilliseconds(300));
        var attempts = 0;
        store.IndexReadInterference = () =>
        {
            attempts++;
            return raw.SQLITE_BUSY;
        };

        var error = await Assert.ThrowsAnyAsync<LedgerStoreException>(() =>
            Ledger.OpenAsync(store, new LedgerOptions { Clock = _clock }));

        Assert.Contains("stayed locked by another connection past the busy timeout during read", error.Message,
            StringComparison.Ordinal);
        Assert.DoesNotContain("nothing was written", error.Message, StringComparison.Ordinal);
        Assert.True(attempts > 1, $"the read was tried {attempts} time(s); a busy file is tried again until the timeout");
    }

    [Fact]
    public async Task A_read_that_fails_for_another_reason_is_not_tried_again()
    {
        // An hour of busy timeout: were the failure waited out like a busy file, the token below would end the test.
        await using var store = await StoreWithEventsAsync(TimeSpan.FromHours(1));
        var attempts = 0;
        store.IndexReadInterference = () =>
        {
            attempts++;
            return raw.SQLITE_IOERR;
        };
        using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(20));

        var error = await Assert.ThrowsAnyAsync<LedgerStoreException>(() =>
            Ledger.OpenAsync(store, new LedgerOptions { Clock = _clock }, guard.Token));

        Assert.Equal(1, attempts);
        Assert.Contains("disk I/O error", error.ToString(), StringComparison.OrdinalIgnoreCase);
    }

    public void Dispose() => _folder.Dispose();

    private async Task<SqliteEventStore> StoreWithEventsAsync(TimeSpan busyTimeout)
    {
        var path = _folder.File("ledger.db");
        await using (var writer = await SqliteEventStore.OpenAsync(new SqliteStoreOptions { Path = path, Clock = _clock }))
        {
            var ledger = await Ledger.OpenAsync(writer, new LedgerOptions { Clock = _clock });
            await ledger.RecordAsync(Contested);
        }

        return await SqliteEventStore.OpenAsync(new SqliteStoreOptions { Path = path, Clock = _clock, BusyTimeout = busyTimeout });
    }
}
