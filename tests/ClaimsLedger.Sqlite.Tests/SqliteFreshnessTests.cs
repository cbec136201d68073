using ClaimsLedger.Conformance;
using Microsoft.Extensions.Time.Testing;

namespace ClaimsLedger.Sqlite.Tests;

/// <summary>
/// A ledger skips its catch-up query before a view when SQLite says nothing was committed since (PRAGMA
/// data_version); it must never serve a view that misses a commit made before the view was asked for.
/// </summary>
public sealed class SqliteFreshnessTests : IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly FakeTimeProvider _clock = new(SampleEvents.After);

    [Fact]
    public async Task A_view_shows_what_another_store_on_the_same_file_committed_after_the_previous_view()
    {
        var path = _folder.File("ledger.db");
        await using var writerStore = await SqliteEventStore.OpenAsync(new SqliteStoreOptions { Path = path, Clock = _clock });
        await using var readerStore = await SqliteEventStore.OpenAsync(new SqliteStoreOptions { Path = path, Clock = _clock });
        var writer = await Ledger.OpenAsync(writerStore, new LedgerOptions { Clock = _clock });
        await writer.RecordAsync(SampleEvents.Uncontested);
        var reader = await Ledger.OpenAsync(readerStore, new LedgerOptions { Clock = _clock });

        var before = await reader.GetClaimAsync(SampleEvents.Claim, reader.Now());
        var unchanged = await reader.GetClaimAsync(SampleEvents.Claim, reader.Now());
        await writer.RecordAsync(SampleEvents.Assertion);
        var after = await reader.GetClaimAsync(SampleEvents.Claim, reader.Now());

        Assert.False(before!.Contested);
        Assert.False(unchanged!.Contested);
        Assert.True(after!.Contested);
        Assert.Equal(writer.EventCount, reader.EventCount);
    }

    [Fact]
    public async Task Every_view_of_a_reader_includes_every_append_a_writer_finished_before_it()
    {
        var path = _folder.File("ledger.db");
        await using var writerStore = await SqliteEventStore.OpenAsync(new SqliteStoreOptions { Path = path, Clock = _clock });
        await using var readerStore = await SqliteEventStore.OpenAsync(new SqliteStoreOptions { Path = path, Clock = _clock });
        var writer = await Ledger.OpenAsync(writerStore, new LedgerOptions { Clock = _clock });
        await writer.RecordAsync(SampleEvents.Registrations);
        var reader = await Ledger.OpenAsync(readerStore, new LedgerOptions { Clock = _clock });

        for (var i = 0; i < 50; i++)
        {
            await writer.RecordAsync(SampleEvents.Assertion with { Id = $"assertion-{i}" });
            var timeline = await reader.GetTimelineAsync(ClaimsLedger.Views.TimelineQuery.All, reader.Now());
            Assert.Equal(i + 1, timeline.Entries.Count);
        }
    }

    [Fact]
    public async Task Two_ledgers_on_one_store_see_each_others_appends()
    {
        await using var store = await SqliteEventStore.OpenAsync(new SqliteStoreOptions { Path = _folder.File("ledger.db"), Clock = _clock });
        var first = await Ledger.OpenAsync(store, new LedgerOptions { Clock = _clock });
        var second = await Ledger.OpenAsync(store, new LedgerOptions { Clock = _clock });
        await first.RecordAsync(SampleEvents.Uncontested);
        _ = await second.GetBoardAsync(second.Now());

        await first.RecordAsync(SampleEvents.Assertion);

        Assert.True((await second.GetClaimAsync(SampleEvents.Claim, second.Now()))!.Contested);
    }

    public void Dispose() => _folder.Dispose();
}
