using ClaimsLedger.Conformance;
using ClaimsLedger.Conformance.Telemetry;
using ClaimsLedger.Storage;
using Microsoft.Extensions.Logging;
using static ClaimsLedger.Conformance.StoreTestData;

namespace ClaimsLedger.Sqlite.Tests;

/// <summary>
/// recordedAt is max(writer clock, head) under the writer lock: a writer whose clock is behind the head is stamped with
/// the head's time, and warned, until its clock catches up.
/// </summary>
public sealed class SqliteClockTests : IDisposable
{
    // SqlStoreLog.ClockBehindHead
    private const int ClockBehindHeadEvent = 105;

    private readonly TempFolder _folder = new();

    [Fact]
    public async Task A_writer_whose_clock_is_behind_the_head_is_stamped_with_the_heads_time_and_warned_once_until_it_catches_up()
    {
        var now = new DateTimeOffset(2023, 5, 26, 12, 0, 0, TimeSpan.Zero);
        var path = _folder.File("clocks.db");
        var (fast, slow) = (new SettableClock(now.AddMinutes(10)), new SettableClock(now));
        using var logs = new LogCapture();
        await using var ahead = await SqliteEventStore.OpenAsync(new SqliteStoreOptions { Path = path, Clock = fast });
        await using var behind = await SqliteEventStore.OpenAsync(new SqliteStoreOptions { Path = path, Clock = slow, LoggerFactory = logs });
        var stream = NewStream("s");

        await ahead.AppendToStreamAsync(stream, ExpectedVersion.NoStream, Batch(1));
        var held = await behind.AppendToStreamAsync(stream, ExpectedVersion.Any, Batch(1, first: 1));
        var heldAgain = await behind.AppendToStreamAsync(stream, ExpectedVersion.Any, Batch(1, first: 2));
        var warnedWhileBehind = logs.WithId(ClockBehindHeadEvent).Count;
        slow.Now = now.AddMinutes(11);
        var caughtUp = await behind.AppendToStreamAsync(stream, ExpectedVersion.Any, Batch(1, first: 3));
        fast.Now = now.AddMinutes(30);
        await ahead.AppendToStreamAsync(stream, ExpectedVersion.Any, Batch(1, first: 4));
        await behind.AppendToStreamAsync(stream, ExpectedVersion.Any, Batch(1, first: 5));

        Assert.Equal(now.AddMinutes(10), held.RecordedAt);
        Assert.Equal(now.AddMinutes(10), heldAgain.RecordedAt);
        Assert.Equal(1, warnedWhileBehind);
        Assert.Equal(now.AddMinutes(11), caughtUp.RecordedAt);
        var warnings = logs.WithId(ClockBehindHeadEvent);
        Assert.Equal(2, warnings.Count);
        Assert.All(warnings, w => Assert.Equal(LogLevel.Warning, w.Level));
        Assert.Equal([600_000L, 1_140_000L], warnings.Select(w => (long)w.Values["AheadMilliseconds"]!));
        Assert.Contains(path, warnings[0].Message, StringComparison.Ordinal);
    }

    public void Dispose() => _folder.Dispose();
}
