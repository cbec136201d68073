using ClaimsLedger.Conformance;
using ClaimsLedger.Storage;

namespace ClaimsLedger.PostgreSql.Tests;

/// <summary>The store contract, run against a real PostgreSQL server, a fresh schema per store.</summary>
public sealed class PostgreSqlEventStoreTests : EventStoreContract, IAsyncLifetime
{
    private readonly FreshSchemas _schemas = new();

    protected override Task<IEventStore> CreateStoreAsync(TimeProvider clock) => _schemas.OpenAsync(clock);

    protected override async Task<IEventStore?> OpenAnotherAsync(IEventStore store, TimeProvider clock) =>
        await PostgreSqlEventStore.OpenAsync(new PostgreSqlStoreOptions
        {
            ConnectionString = TestServer.Require(),
            Schema = ((PostgreSqlEventStore)store).Schema,
            Clock = clock,
        });

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _schemas.DropAllAsync();
}

/// <summary>The ledger's guarantees on PostgreSQL; reopening opens a second store (a second pool) on the same schema.</summary>
public sealed class LedgerOnPostgreSqlStoreTests : LedgerContract, IAsyncLifetime
{
    private readonly FreshSchemas _schemas = new();

    protected override Task<IEventStore> CreateStoreAsync(TimeProvider clock) => _schemas.OpenAsync(clock);

    protected override async Task<IEventStore> ReopenAsync(IEventStore store, TimeProvider clock) =>
        await PostgreSqlEventStore.OpenAsync(new PostgreSqlStoreOptions
        {
            ConnectionString = TestServer.Require(),
            Schema = ((PostgreSqlEventStore)store).Schema,
            Clock = clock,
        });

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _schemas.DropAllAsync();
}

/// <summary>Opens stores on new schemas and drops them all afterwards.</summary>
internal sealed class FreshSchemas
{
    private readonly List<string> _schemas = [];

    public async Task<IEventStore> OpenAsync(TimeProvider clock)
    {
        var schema = TestServer.NewSchema();
        _schemas.Add(schema);
        return await PostgreSqlEventStore.OpenAsync(new PostgreSqlStoreOptions
        {
            ConnectionString = TestServer.Require(),
            Schema = schema,
            Clock = clock,
        });
    }

    public async Task DropAllAsync()
    {
        foreach (var schema in _schemas)
        {
            await TestServer.DropSchemaAsync(schema);
        }
    }
}
