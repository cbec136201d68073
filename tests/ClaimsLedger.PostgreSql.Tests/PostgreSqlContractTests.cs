using ClaimsLedger.Conformance;
using ClaimsLedger.Storage;

namespace ClaimsLedger.PostgreSql.Tests;

/// <summary>The store contract, run against a real PostgreSQL server, one schema per test.</summary>
public sealed class PostgreSqlEventStoreTests : EventStoreContract, IAsyncLifetime
{
    private readonly string _schema = TestServer.NewSchema();

    protected override async Task<IEventStore> CreateStoreAsync(TimeProvider clock) =>
        await PostgreSqlEventStore.OpenAsync(new PostgreSqlStoreOptions
        {
            ConnectionString = TestServer.Require(),
            Schema = _schema,
            Clock = clock,
        });

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => TestServer.DropSchemaAsync(_schema);
}

/// <summary>The ledger's guarantees on PostgreSQL; reopening opens a second store (a second pool) on the schema.</summary>
public sealed class LedgerOnPostgreSqlStoreTests : LedgerContract, IAsyncLifetime
{
    private readonly string _schema = TestServer.NewSchema();

    protected override async Task<IEventStore> CreateStoreAsync(TimeProvider clock) =>
        await PostgreSqlEventStore.OpenAsync(new PostgreSqlStoreOptions
        {
            ConnectionString = TestServer.Require(),
            Schema = _schema,
            Clock = clock,
        });

    protected override Task<IEventStore> ReopenAsync(IEventStore store, TimeProvider clock) => CreateStoreAsync(clock);

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => TestServer.DropSchemaAsync(_schema);
}
