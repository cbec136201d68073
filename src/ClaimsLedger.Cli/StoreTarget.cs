using ClaimsLedger.EventStoreDb;
using ClaimsLedger.PostgreSql;
using ClaimsLedger.Sqlite;
using ClaimsLedger.Storage;

namespace ClaimsLedger.Cli;

/// <summary>
/// The store named by <c>--db</c>: a SQLite file path (the default, <c>ledger.db</c>), an EventStoreDB connection
/// string (<c>esdb://...</c>, <c>kurrentdb://...</c>), or a PostgreSQL connection string (anything else containing
/// '=', e.g. <c>Host=127.0.0.1;Database=claims;Username=claims;Password=...</c>).
/// </summary>
internal sealed record StoreTarget(string Db, string Schema)
{
    private static readonly string[] EventStoreDbSchemes = ["esdb://", "esdb+discover://", "kurrentdb://", "kurrent://", "kdb://"];

    public bool IsEventStoreDb => EventStoreDbSchemes.Any(scheme => Db.StartsWith(scheme, StringComparison.OrdinalIgnoreCase));

    public bool IsPostgreSql => !IsEventStoreDb && Db.Contains('=', StringComparison.Ordinal);

    /// <summary>Opens the store; <paramref name="forWriting"/> false opens a SQLite file read-only.</summary>
    public async Task<IEventStore> OpenAsync(TimeProvider clock, bool forWriting, CancellationToken cancellationToken)
    {
        if (IsEventStoreDb)
        {
            return await EventStoreDbEventStore.OpenAsync(new EventStoreDbStoreOptions { ConnectionString = Db, Clock = clock },
                cancellationToken).ConfigureAwait(false);
        }

        if (IsPostgreSql)
        {
            return await PostgreSqlEventStore.OpenAsync(new PostgreSqlStoreOptions
            {
                ConnectionString = Db,
                Schema = Schema,
                Clock = clock,
            }, cancellationToken).ConfigureAwait(false);
        }

        return await SqliteEventStore.OpenAsync(new SqliteStoreOptions
        {
            Path = Db,
            ReadOnly = !forWriting,
            Clock = clock,
        }, cancellationToken).ConfigureAwait(false);
    }

    public override string ToString() =>
        IsEventStoreDb ? "EventStoreDB" : IsPostgreSql ? $"PostgreSQL schema {Schema}" : Path.GetFullPath(Db);
}
