using System.Data;
using System.Data.Common;
using System.Globalization;
using ClaimsLedger.Storage;
using ClaimsLedger.Storage.Sql;
using Microsoft.Data.Sqlite;

namespace ClaimsLedger.Sqlite;

/// <summary>
/// Creates and upgrades the ledger schema from the numbered scripts in <c>Schema/</c>, and refuses files that are not
/// ledgers or come from a newer version without modifying them.
/// </summary>
internal sealed class SqliteSchema(SqliteEventStore store, SqliteStoreOptions options)
{
    private static readonly IReadOnlyList<SchemaScript> Scripts = SchemaScript.Load(typeof(SqliteSchema).Assembly,
        "ClaimsLedger.Sqlite.Schema.");

    public static int Latest => Scripts[^1].Version;

    /// <summary>The page size of a new ledger file, in bytes.</summary>
    internal const int PageSize = 32768;

    public async Task EnsureAsync(CancellationToken cancellationToken)
    {
        try
        {
            var connection = await store.OpenForSchemaAsync(cancellationToken).ConfigureAwait(false);
            await using var _ = connection.ConfigureAwait(false);
            var version = await InspectAsync(connection, null, cancellationToken).ConfigureAwait(false);
            if (version == Latest)
            {
                return;
            }

            if (options.ReadOnly)
            {
                throw new StoreSchemaException(version == 0
                    ? $"'{options.Path}' holds no ledger yet; open it read-write once to create one"
                    : $"the ledger '{options.Path}' has schema version {version} and needs the upgrade to {Latest}; " +
                      "open it read-write once");
            }

            await UpgradeAsync(connection, created: version == 0, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not LedgerException and not OperationCanceledException
                                  && SqliteErrors.Translate(e, "open", options.Path) is { } translated)
        {
            throw translated;
        }
    }

    private async Task UpgradeAsync(DbConnection connection, bool created, CancellationToken cancellationToken)
    {
        if (created)
        {
            // Only an empty file takes a page size, and only before WAL is on. A durable commit writes every page it
            // touched, one system call a page, and random event ids touch most pages of both indexes: with 32 KiB
            // pages a million events in commits of 10,000 went in 1.5x faster than with SQLite's 4 KiB (14.3 -> 9.7 s,
            // raw inserts) and in one commit 1.2x faster. Files made with other pages keep them.
            using var pageSize = SqliteEventStore.SchemaCommand(connection, null, $"PRAGMA page_size = {PageSize}");
            await pageSize.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        // WAL must be switched on outside a transaction; it stays on in the file.
        using (var wal = SqliteEventStore.SchemaCommand(connection, null, "PRAGMA journal_mode = WAL"))
        {
            await wal.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
        }

        using var transaction = ((SqliteConnection)connection).BeginTransaction(IsolationLevel.Serializable, deferred: false);
        var version = await InspectAsync(connection, transaction, cancellationToken).ConfigureAwait(false);
        if (version == Latest)
        {
            // Another process or store object created or upgraded the file between the first look and the write lock:
            // there is nothing to write and nothing to log.
            return;
        }

        foreach (var script in Scripts.Where(s => s.Version > version))
        {
            using var command = SqliteEventStore.SchemaCommand(connection, transaction, script.Sql);
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        if (version is > 0 and < 2)
        {
            // Events written before version 2 get their chain now, in this same transaction.
            await store.ChainFromAsync(connection, transaction, after: 0, previous: null, cancellationToken).ConfigureAwait(false);
        }

        using (var set = SqliteEventStore.SchemaCommand(connection, transaction,
                   "INSERT OR REPLACE INTO ledger_meta (key, value) VALUES ('schema_version', @version)",
                   ("version", Latest.ToString(CultureInfo.InvariantCulture))))
        {
            await set.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(CancellationToken.None).ConfigureAwait(false);
        store.LogSchemaChange(version, Latest);
    }

    /// <summary>The file's schema version: 0 for an empty database.</summary>
    /// <exception cref="StoreSchemaException">Not a ledger, or a newer one.</exception>
    private async Task<int> InspectAsync(DbConnection connection, DbTransaction? transaction,
        CancellationToken cancellationToken)
    {
        var tables = new List<string>();
        using (var list = SqliteEventStore.SchemaCommand(connection, transaction,
                   "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"))
        {
            var reader = await list.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using var _ = reader.ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                tables.Add(reader.GetString(0));
            }
        }

        if (tables.Count == 0)
        {
            return 0;
        }

        if (!tables.Contains("ledger_meta"))
        {
            throw new StoreSchemaException($"'{options.Path}' is not a ClaimsLedger ledger: it holds other tables " +
                                           $"({string.Join(", ", tables.Take(5))}); nothing was changed");
        }

        var meta = new Dictionary<string, string>();
        using (var read = SqliteEventStore.SchemaCommand(connection, transaction, "SELECT key, value FROM ledger_meta"))
        {
            var reader = await read.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using var _ = reader.ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                meta[reader.GetString(0)] = reader.GetString(1);
            }
        }

        return SchemaScript.CheckVersion(meta, options.Path, Latest);
    }
}
