using ClaimsLedger.Conformance;
using ClaimsLedger.Storage;
using Microsoft.Data.Sqlite;
using SQLitePCL;
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
                beforeKill: () => parent.DisposeAsync().AsTask(),
                openTransaction: _ => Task.FromResult(WriteLockHolder(path)));
        }
        finally
        {
            await parent.DisposeAsync();
        }

        // The child was stopped holding the write lock, so the kill landed inside its write transaction.
        Assert.Equal(WriteLockHeld, outcome.OpenTransaction);
        Assert.NotNull(outcome.InFlight);
        Assert.True(File.Exists(path + "-wal"), "the killed child left no write-ahead log for the reopen to recover");
        await using var reopened = await SqliteEventStore.OpenAsync(path);
        var events = await reopened.ReadAllForwardsAsync(GlobalPosition.Start).ToListAsync();
        CrashHost.AssertIntact(events, outcome, sequentialPositions: true);
        Assert.Equal(parentAppends * 2, events.Count(e => e.Stream.Value.StartsWith("claim:parent-", StringComparison.Ordinal)));
        await reopened.AppendToStreamAsync(NewStream("after"), ExpectedVersion.NoStream, Batch(1));
        Assert.Equal(events.Count + 1, await reopened.ReadAllForwardsAsync(GlobalPosition.Start).CountAsync());
        // With no writer left, the same look finds the write lock free.
        Assert.Null(WriteLockHolder(path));
    }

    public void Dispose() => _folder.Dispose();

    private const string WriteLockHeld = "BEGIN IMMEDIATE from another connection got SQLITE_BUSY";

    /// <summary>
    /// Whether another process holds the file's write lock (is inside a write transaction): a BEGIN IMMEDIATE that does
    /// not wait gets SQLITE_BUSY. Uses a connection of its own, closed before returning.
    /// </summary>
    private static string? WriteLockHolder(string path)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        connection.Open();
        raw.sqlite3_busy_timeout(connection.Handle, 0);
        var result = raw.sqlite3_exec(connection.Handle, "BEGIN IMMEDIATE");
        if (result == raw.SQLITE_OK)
        {
            raw.sqlite3_exec(connection.Handle, "ROLLBACK");
        }

        return result == raw.SQLITE_BUSY ? WriteLockHeld : null;
    }
}
