using ClaimsLedger.Conformance.Telemetry;
using ClaimsLedger.Storage;
using static ClaimsLedger.Conformance.StoreTestData;

namespace ClaimsLedger.PostgreSql.Tests;

/// <summary>
/// Appends under the head row's lock, as several store objects on one schema make them. An append builds on the stream
/// versions its store object saw at its last append plus what was appended since, which is only right while the
/// schema holds the same history. And after waiting for another append's lock, PostgreSQL returns the new head row
/// without the event it joined: the append must read that event again rather than take it for one without a hash.
/// </summary>
public sealed class PostgreSqlAppendTests : IAsyncLifetime
{
    // SqlStoreLog.ChainRepaired
    private const int ChainRepairedEvent = 104;

    private readonly string _schema = TestServer.NewSchema();

    [SkippableFact]
    public async Task A_schema_replaced_by_another_history_is_read_afresh_not_built_on()
    {
        await using var first = await OpenAsync(logs: null);
        var (claim, other) = (NewStream("claim"), NewStream("other"));
        await first.AppendToStreamAsync(claim, ExpectedVersion.NoStream, Batch(2));

        // The schema is dropped and written again by someone else, further than the first store's last append.
        await TestServer.DropSchemaAsync(_schema);
        await using (var second = await OpenAsync(logs: null))
        {
            await second.AppendToStreamAsync(claim, ExpectedVersion.NoStream, Batch(1, first: 10));
            await second.AppendToStreamAsync(other, ExpectedVersion.NoStream, Batch(3, first: 20));
        }

        var error = await Assert.ThrowsAsync<WrongExpectedVersionException>(() =>
            first.AppendToStreamAsync(claim, ExpectedVersion.Exactly(1), Batch(1, first: 2)));
        Assert.Equal(0, error.Actual);
        Assert.Equal(1, (await first.AppendToStreamAsync(claim, ExpectedVersion.Exactly(0), Batch(1, first: 11))).LastVersion);
        Assert.Equal([10, 11], await first.ReadStreamForwardsAsync(claim).Select(Number).ToListAsync());
    }

    [SkippableFact]
    public async Task Appends_that_wait_for_each_other_repair_no_chain_and_keep_it_whole()
    {
        using var logs = new LogCapture();
        await using var first = await OpenAsync(logs);
        await using var second = await OpenAsync(logs);

        await Task.WhenAll(AppendManyAsync(first, "first"), AppendManyAsync(second, "second"));

        Assert.Empty(logs.WithId(ChainRepairedEvent));
        Assert.Equal(120, await first.ReadAllForwardsAsync(GlobalPosition.Start).CountAsync());
        var report = await Integrity.LedgerIntegrity.VerifyAsync(first);
        Assert.True(report.IsIntact, report.ToString());
    }

    private static async Task AppendManyAsync(IEventStore store, string name)
    {
        for (var i = 0; i < 60; i++)
        {
            await store.AppendToStreamAsync(NewStream(name), ExpectedVersion.NoStream, Batch(1, first: i));
        }
    }

    private async Task<PostgreSqlEventStore> OpenAsync(LogCapture? logs) =>
        await PostgreSqlEventStore.OpenAsync(new PostgreSqlStoreOptions
        {
            ConnectionString = TestServer.Require(),
            Schema = _schema,
            LoggerFactory = logs,
        });

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => TestServer.DropSchemaAsync(_schema);
}
