using ClaimsLedger.Conformance;
using SQLitePCL;

namespace ClaimsLedger.Sqlite.Tests;

/// <summary>
/// The stamp a ledger compares before each view to skip its catch-up (PRAGMA data_version on a probe connection):
/// it must change whenever another connection committed, and a probe opened again after a failure must not give a
/// stamp equal to one of the closed probe's, since data_version counts per connection.
/// </summary>
public sealed class SqliteChangeProbeTests : IDisposable
{
    private readonly TempFolder _folder = new();

    [Fact]
    public async Task The_stamp_stays_while_nothing_is_committed_and_moves_when_another_store_commits()
    {
        var path = _folder.File("ledger.db");
        await using var reader = await SqliteEventStore.OpenAsync(path);
        await using var writer = await SqliteEventStore.OpenAsync(path);

        var first = reader.ChangeStamp();
        var again = reader.ChangeStamp();
        await (await Ledger.OpenAsync(writer)).RecordAsync(SampleEvents.Registrations);
        var after = reader.ChangeStamp();

        Assert.NotNull(first);
        Assert.Equal(first, again);
        Assert.NotEqual(first, after);
    }

    [Fact]
    public async Task A_probe_opened_again_after_a_failed_step_never_repeats_an_earlier_stamp()
    {
        await using var store = await SqliteEventStore.OpenAsync(_folder.File("ledger.db"));
        var before = store.ChangeStamp();

        store.ProbeInterference = () => raw.SQLITE_IOERR;
        var failed = store.ChangeStamp();
        store.ProbeInterference = null;
        var reopened = store.ChangeStamp();

        Assert.Null(failed);
        Assert.NotNull(reopened);
        Assert.NotEqual(before, reopened);
    }

    [Theory]
    [InlineData(5)] // SQLITE_BUSY
    [InlineData(6)] // SQLITE_LOCKED
    public async Task A_busy_or_locked_step_gives_no_stamp_and_keeps_the_probe(int busy)
    {
        await using var store = await SqliteEventStore.OpenAsync(_folder.File("ledger.db"));
        var before = store.ChangeStamp();

        store.ProbeInterference = () => busy;
        var during = store.ChangeStamp();
        store.ProbeInterference = null;
        var after = store.ChangeStamp();

        Assert.Null(during);
        Assert.Equal(before, after);
    }

    public void Dispose() => _folder.Dispose();
}
