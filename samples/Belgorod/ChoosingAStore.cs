using ClaimsLedger;
using ClaimsLedger.EventStoreDb;
using ClaimsLedger.PostgreSql;
using ClaimsLedger.Sqlite;
using ClaimsLedger.Storage.InMemory;

namespace Belgorod;

/// <summary>
/// The README's "Choosing a store" example, here so that it compiles (a test keeps the README's copy identical to the
/// code between the snippet comments). Compiled, not run: it would need a PostgreSQL server and an EventStoreDB node.
/// </summary>
public static class ChoosingAStore
{
    /// <summary>Opens a ledger on each kind of store and hands each one to <paramref name="use"/>.</summary>
    public static async Task OpenEachAsync(TimeProvider clock, Func<Ledger, Task> use)
    {
        ArgumentNullException.ThrowIfNull(use);
        // snippet: choosing-a-store
        // In memory
        var inMemory = await Ledger.OpenAsync(new InMemoryEventStore(clock));

        // A SQLite file, created with its schema on first use
        await using var file = await SqliteEventStore.OpenAsync(new SqliteStoreOptions { Path = "ledger.db", Clock = clock });
        var onFile = await Ledger.OpenAsync(file, new LedgerOptions { Clock = clock });

        // PostgreSQL: the schema (default "claims_ledger") is created or upgraded on first use
        await using var server = await PostgreSqlEventStore.OpenAsync(new PostgreSqlStoreOptions
        {
            ConnectionString = "Host=127.0.0.1;Database=claims;Username=claims;Password=...",
            Schema = "claims_ledger",
            Clock = clock,
        });
        var onServer = await Ledger.OpenAsync(server, new LedgerOptions { Clock = clock });

        // EventStoreDB / KurrentDB: one ledger stream is one server stream (optionally under a prefix)
        await using var cluster = await EventStoreDbEventStore.OpenAsync(new EventStoreDbStoreOptions
        {
            ConnectionString = "esdb://admin:changeit@127.0.0.1:2113?tlsCaFile=/etc/eventstore/ca.crt",
            StreamPrefix = "newsroom/",
            Clock = clock,
        });
        var onCluster = await Ledger.OpenAsync(cluster, new LedgerOptions { Clock = clock });
        // end snippet

        foreach (var ledger in new[] { inMemory, onFile, onServer, onCluster })
        {
            await use(ledger);
        }
    }
}
