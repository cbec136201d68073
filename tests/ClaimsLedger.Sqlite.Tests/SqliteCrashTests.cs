using ClaimsLedger.Conformance;
using ClaimsLedger.Storage;
using static ClaimsLedger.Conformance.StoreTestData;

namespace ClaimsLedger.Sqlite.Tests;

/// <summary>
/// A child process appends in a loop and is killed with SIGKILL while an append is in flight; a fresh open of the file
/// (no connection of this process left on it, so SQLite must recover the log the child left) must hold every append
/// the child reported as committed, the one in flight whole or not at all, and nothing half-written.
/// </summary>
public sealed class SqliteCrashTests : IDisposable
{
    private readonly TempFolder _folder = new();

    [Fact]
    public async Task A_writer_killed_mid_append_loses_no_committed_append_and_leaves_no_partial_one()
    {
        var path = _folder.File("crash.db");
        var parent = await SqliteEventStore.OpenAsync(path);
        var parentAppends = 0;

        CrashOutcome outcome;
        try
        {
            outcome = await CrashHost.RunAndKillAsync(["sqlite", path], commitsBeforeKill: 150,
                meanwhile: async () =>
                {
                    await parent.AppendToStreamAsync(NewStream("parent"), ExpectedVersion.NoStream, Batch(2));
                    parentAppends++;
                },
                // Closes every connection of this process before the kill, so that the reopen below is a fresh one.
                beforeKill: () => parent.DisposeAsync().AsTask());
        }
        finally
        {
            await parent.DisposeAsync();
        }

        Assert.NotNull(outcome.InFlight);
        Assert.True(File.Exists(path + "-wal"), "the killed child left no write-ahead log for the reopen to recover");
        await using var reopened = await SqliteEventStore.OpenAsync(path);
        var events = await reopened.ReadAllForwardsAsync(GlobalPosition.Start).ToListAsync();
        CrashHost.AssertIntact(events, outcome, sequentialPositions: true);
        Assert.Equal(parentAppends * 2, events.Count(e => e.Stream.Value.StartsWith("claim:parent-", StringComparison.Ordinal)));
        await reopened.AppendToStreamAsync(NewStream("after"), ExpectedVersion.NoStream, Batch(1));
        Assert.Equal(events.Count + 1, await reopened.ReadAllForwardsAsync(GlobalPosition.Start).CountAsync());
    }

    public void Dispose() => _folder.Dispose();
}
