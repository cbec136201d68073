using ClaimsLedger.Conformance;
using ClaimsLedger.Storage;
using static ClaimsLedger.Conformance.StoreTestData;

namespace ClaimsLedger.Sqlite.Tests;

/// <summary>
/// A child process appends in a loop and is killed with SIGKILL; the file must reopen with every append the child
/// reported as committed, and no append half-written.
/// </summary>
public sealed class SqliteCrashTests : IDisposable
{
    private readonly TempFolder _folder = new();

    [Fact]
    public async Task A_writer_killed_mid_way_loses_no_committed_append_and_leaves_no_partial_one()
    {
        var path = _folder.File("crash.db");
        await using var parent = await SqliteEventStore.OpenAsync(path);

        var committed = await CrashHost.RunAndKillAsync(["sqlite", path], commitsBeforeKill: 150,
            meanwhile: () => parent.AppendToStreamAsync(NewStream("parent"), ExpectedVersion.NoStream, Batch(2)));

        await using var reopened = await SqliteEventStore.OpenAsync(path);
        var events = await reopened.ReadAllForwardsAsync(GlobalPosition.Start).ToListAsync();
        Assert.True(committed.Count >= 150, $"the child reported only {committed.Count} commits");
        CrashHost.AssertIntact(events, committed, sequentialPositions: true);
        Assert.Equal(30, events.Count(e => e.Stream.Value.StartsWith("claim:parent-", StringComparison.Ordinal)));
        await reopened.AppendToStreamAsync(NewStream("after"), ExpectedVersion.NoStream, Batch(1));
    }

    public void Dispose() => _folder.Dispose();
}
