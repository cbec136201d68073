using ClaimsLedger.Storage;
using static ClaimsLedger.Conformance.StoreTestData;

namespace ClaimsLedger.PostgreSql.Tests;

/// <summary>
/// An append builds on the stream versions its store object saw at its last append, plus what was appended since.
/// Those are only right while the schema still holds the same history: one replaced under a running store must not
/// be trusted.
/// </summary>
public sealed class PostgreSqlVersionCacheTests : IAsyncLifetime
{
    private readonly string _schema = TestServer.NewSchema();

    [SkippableFact]
    public async Task A_schema_replaced_by_another_history_is_read_afresh_not_built_on()
    {
        await using var first = await OpenAsync();
        var (claim, other) = (NewStream("claim"), NewStream("other"));
        await first.AppendToStreamAsync(claim, ExpectedVersion.NoStream, Batch(2));

        // The schema is dropped and written again by someone else, further than the first store's last append.
        await TestServer.DropSchemaAsync(_schema);
        await using (var second = await OpenAsync())
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

    private async Task<PostgreSqlEventStore> OpenAsync() =>
        await PostgreSqlEventStore.OpenAsync(new PostgreSqlStoreOptions { ConnectionString = TestServer.Require(), Schema = _schema });

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => TestServer.DropSchemaAsync(_schema);
}
