using ClaimsLedger.PostgreSql;
using ClaimsLedger.Sqlite;
using ClaimsLedger.Storage;

namespace ClaimsLedger.Cli;

/// <summary>
/// The store named by <c>--db</c>: a SQLite file path (the default, <c>ledger.db</c>), or a PostgreSQL connection
/// string (anything containing '=', e.g. <c>Host=127.0.0.1;Database=claims;Username=claims;Password=...</c>).
/// </summary>
internal sealed record StoreTarget(string Db, string Schema)
{
    public bool IsPostgreSql => Db.Contains('=', StringComparison.Ordinal);

    /// <summary>Opens the store; <paramref name="forWriting"/> false opens a SQLite file read-only.</summary>
    public async Task<IEventStore> OpenAsync(TimeProvider clock, bool forWriting, CancellationToken cancellationToken)
    {
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

    public override string ToString() => IsPostgreSql ? $"PostgreSQL schema {Schema}" : Path.GetFullPath(Db);
}
