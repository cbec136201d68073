using ClaimsLedger.Conformance;
using ClaimsLedger.Storage;
using Npgsql;

namespace ClaimsLedger.PostgreSql.Tests;

/// <summary>Tampering with a ledger's table directly, in SQL, is caught at the right event.</summary>
public sealed class PostgreSqlTamperTests : TamperContract, IAsyncLifetime
{
    private readonly FreshSchemas _schemas = new();

    protected override Task<IEventStore> CreateStoreAsync(TimeProvider clock) => _schemas.OpenAsync(clock);

    protected override async Task<IEventStore> OpenUnchainedAsync(IEventStore store, TimeProvider clock) =>
        await PostgreSqlEventStore.OpenAsync(new PostgreSqlStoreOptions
        {
            ConnectionString = TestServer.Require(),
            Schema = ((PostgreSqlEventStore)store).Schema,
            Clock = clock,
            HashChain = false,
        });

    protected override async Task ExecuteAsync(IEventStore store, string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = new NpgsqlConnection(TestServer.Require());
        await connection.OpenAsync();
        var table = $"\"{((PostgreSqlEventStore)store).Schema}\".events";
        await using var command = new NpgsqlCommand(sql.Replace("{events}", table, StringComparison.Ordinal), connection);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        await command.ExecuteNonQueryAsync();
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _schemas.DropAllAsync();
}
