using ClaimsLedger.Conformance;
using ClaimsLedger.Storage;
using static ClaimsLedger.Conformance.StoreTestData;

namespace ClaimsLedger.PostgreSql.Tests;

/// <summary>
/// A client process appends in a loop and is killed with SIGKILL while an append is in flight: the server rolls back
/// its open transaction (or has committed it), so every append it reported is there, the one in flight is there whole
/// or not at all, and the order stays gap-free.
/// </summary>
public sealed class PostgreSqlCrashTests : IAsyncLifetime
{
    private readonly string _schema = TestServer.NewSchema();

    [SkippableFact]
    public async Task A_client_killed_mid_append_loses_no_committed_append_and_leaves_no_partial_one()
    {
        var connection = TestServer.Require();
        var options = new PostgreSqlStoreOptions { ConnectionString = connection, Schema = _schema };
        await using var parent = await PostgreSqlEventStore.OpenAsync(options);

        var outcome = await CrashHost.RunAndKillAsync(["postgres", connection, _schema], commitsBeforeKill: 150,
            meanwhile: () => parent.AppendToStreamAsync(NewStream("parent"), ExpectedVersion.NoStream, Batch(2)));

        // The server notices the dead client and rolls back; a new append must get the head lock.
        await parent.AppendToStreamAsync(NewStream("after"), ExpectedVersion.NoStream, Batch(1));
        var events = await parent.ReadAllForwardsAsync(GlobalPosition.Start).ToListAsync();
        Assert.NotNull(outcome.InFlight);
        CrashHost.AssertIntact(events, outcome, sequentialPositions: true);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => TestServer.DropSchemaAsync(_schema);
}
