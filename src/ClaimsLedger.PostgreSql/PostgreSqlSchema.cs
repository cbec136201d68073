using System.Globalization;
using ClaimsLedger.Storage;
using ClaimsLedger.Storage.Sql;
using Npgsql;

namespace ClaimsLedger.PostgreSql;

/// <summary>
/// Creates and upgrades the ledger schema from the numbered scripts in <c>Schema/</c>, under an advisory lock so
/// that processes starting together do not race; refuses a schema holding something else, or a newer ledger,
/// without changing it.
/// </summary>
internal sealed class PostgreSqlSchema(PostgreSqlEventStore store)
{
    private static readonly IReadOnlyList<SchemaScript> Scripts = SchemaScript.Load(typeof(PostgreSqlSchema).Assembly,
        "ClaimsLedger.PostgreSql.Schema.");

    public static int Latest => Scripts[^1].Version;

    public async Task EnsureAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = await store.DataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await ExecuteAsync(connection, transaction, "SELECT pg_advisory_xact_lock(hashtext(@key))", cancellationToken,
                ("key", "claims-ledger-schema:" + store.Schema)).ConfigureAwait(false);

            var version = await InspectAsync(connection, transaction, cancellationToken).ConfigureAwait(false);
            if (version == Latest)
            {
                return;
            }

            var schema = PostgreSqlEventStore.Quote(store.Schema);
            await ExecuteAsync(connection, transaction, $"CREATE SCHEMA IF NOT EXISTS {schema}", cancellationToken)
                .ConfigureAwait(false);
            foreach (var script in Scripts.Where(s => s.Version > version))
            {
                await ExecuteAsync(connection, transaction, script.Sql.Replace("__schema__", schema, StringComparison.Ordinal),
                    cancellationToken).ConfigureAwait(false);
            }

            if (version is > 0 and < 2)
            {
                // Events written before version 2 get their chain now, in this same transaction.
                await store.ChainFromAsync(connection, transaction, after: 0, previous: null, cancellationToken)
                    .ConfigureAwait(false);
            }

            await ExecuteAsync(connection, transaction,
                $"INSERT INTO {schema}.meta (key, value) VALUES ('schema_version', @version) " +
                "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                cancellationToken, ("version", Latest.ToString(CultureInfo.InvariantCulture))).ConfigureAwait(false);
            await transaction.CommitAsync(CancellationToken.None).ConfigureAwait(false);
            store.LogSchemaChange(version, Latest);
        }
        catch (Exception e) when (e is not LedgerException and not OperationCanceledException
                                  && PostgreSqlErrors.Translate(e, "open", store.Where) is { } translated)
        {
            throw translated;
        }
    }

    private async Task<int> InspectAsync(NpgsqlConnection connection, NpgsqlTransaction transaction,
        CancellationToken cancellationToken)
    {
        var tables = new List<string>();
        await using (var list = new NpgsqlCommand(
                         "SELECT table_name FROM information_schema.tables WHERE table_schema = @schema ORDER BY 1",
                         connection, transaction))
        {
            list.Parameters.AddWithValue("schema", store.Schema);
            await using var reader = await list.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                tables.Add(reader.GetString(0));
            }
        }

        if (tables.Count == 0)
        {
            return 0;
        }

        if (!tables.Contains("meta"))
        {
            throw new StoreSchemaException($"schema '{store.Schema}' at {store.Where} is not a ClaimsLedger ledger: it " +
                                           $"holds other tables ({string.Join(", ", tables.Take(5))}); nothing was changed");
        }

        var meta = new Dictionary<string, string>();
        await using (var read = new NpgsqlCommand($"SELECT key, value FROM {PostgreSqlEventStore.Quote(store.Schema)}.meta",
                         connection, transaction))
        {
            await using var reader = await read.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                meta[reader.GetString(0)] = reader.GetString(1);
            }
        }

        return SchemaScript.CheckVersion(meta, $"schema {store.Schema} at {store.Where}", Latest);
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql,
        CancellationToken cancellationToken, params (string Name, object Value)[] parameters)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
