using ClaimsLedger.Conformance.Telemetry;
using ClaimsLedger.Storage;
using static ClaimsLedger.Conformance.StoreTestData;

namespace ClaimsLedger.PostgreSql.Tests;

/// <summary>
/// Appends that wait for each other's lock on the head row. After the wait PostgreSQL returns the new head row without
/// the event it joined; the append must read that event again rather than take it for one written without a hash.
/// </summary>
public sealed class PostgreSqlContendedAppendTests : IAsyncLifetime
{
    // SqlStoreLog.ChainRepaired
    private const int ChainRepairedEvent = 104;

    private readonly string _schema = TestServer.NewSchema();

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

    private async Task<PostgreSqlEventStore> OpenAsync(LogCapture logs) =>
        await PostgreSqlEventStore.OpenAsync(new PostgreSqlStoreOptions
        {
            ConnectionString = TestServer.Require(),
            Schema = _schema,
            LoggerFactory = logs,
        });

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => TestServer.DropSchemaAsync(_schema);
}
