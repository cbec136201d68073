using System.Net;
using System.Net.Sockets;
using ClaimsLedger.Conformance;
using ClaimsLedger.Conformance.Telemetry;
using ClaimsLedger.Storage;
using Npgsql;
using static ClaimsLedger.Conformance.StoreTestData;

namespace ClaimsLedger.PostgreSql.Tests;

/// <summary>Connecting, schemas, and the guarantees that need several writers on one server.</summary>
public sealed class PostgreSqlServerTests : IAsyncLifetime
{
    // SqlStoreLog.SchemaCreated and SchemaUpgraded
    private const int SchemaCreatedEvent = 101;
    private const int SchemaUpgradedEvent = 102;

    private readonly string _schema = TestServer.NewSchema();

    [SkippableFact]
    public async Task A_new_schema_is_created_with_the_current_version()
    {
        await using var store = await OpenAsync();

        Assert.Equal(PostgreSqlEventStore.SchemaVersion.ToString(System.Globalization.CultureInfo.InvariantCulture),
            await TestServer.ScalarAsync($"SELECT value FROM \"{_schema}\".meta WHERE key = 'schema_version'"));
    }

    [SkippableFact]
    public async Task An_unreachable_server_is_a_clear_error()
    {
        TestServer.Require();
        var port = FreePort();
        var connection = $"Host=127.0.0.1;Port={port};Database=claims;Username=claims;Password=secret;Timeout=3";

        var error = await Assert.ThrowsAsync<StoreUnavailableException>(() =>
            PostgreSqlEventStore.OpenAsync(new PostgreSqlStoreOptions { ConnectionString = connection, Schema = _schema }));

        Assert.Contains($"cannot reach PostgreSQL at 127.0.0.1:{port}/claims", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", error.Message, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task A_wrong_password_is_a_clear_error_and_creates_nothing()
    {
        var builder = new NpgsqlConnectionStringBuilder(TestServer.Require()) { Password = "not-the-password" };

        var error = await Assert.ThrowsAsync<StoreUnavailableException>(() =>
            PostgreSqlEventStore.OpenAsync(new PostgreSqlStoreOptions { ConnectionString = builder.ToString(), Schema = _schema }));

        Assert.Contains("refused the credentials", error.Message, StringComparison.Ordinal);
        Assert.Contains("user claims", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("not-the-password", error.Message, StringComparison.Ordinal);
        Assert.Equal("0", await TestServer.ScalarAsync($"SELECT count(*) FROM information_schema.schemata WHERE schema_name = '{_schema}'"));
    }

    [SkippableFact]
    public async Task A_schema_holding_other_tables_is_refused_and_left_unchanged()
    {
        TestServer.Require();
        await TestServer.ExecuteAsync($"CREATE SCHEMA \"{_schema}\"; CREATE TABLE \"{_schema}\".customers (id int); INSERT INTO \"{_schema}\".customers VALUES (7)");
        var before = await CatalogAsync(withMeta: false);

        var error = await Assert.ThrowsAsync<StoreSchemaException>(OpenAsync);

        Assert.Contains($"schema '{_schema}'", error.Message, StringComparison.Ordinal);
        Assert.Contains("holds other tables (customers)", error.Message, StringComparison.Ordinal);
        Assert.Contains("table customers column id integer YES", before, StringComparison.Ordinal);
        Assert.Contains("relation customers r", before, StringComparison.Ordinal);
        Assert.Equal(before, await CatalogAsync(withMeta: false));
        Assert.Equal("7", await TestServer.ScalarAsync($"SELECT string_agg(id::text, ',') FROM \"{_schema}\".customers"));
    }

    [SkippableFact]
    public async Task A_version_1_ledger_is_upgraded_with_the_chain_its_events_would_have_had()
    {
        Integrity.LedgerDigest expected;
        await using (var store = await OpenAsync())
        {
            await store.AppendToStreamAsync(NewStream("s"), ExpectedVersion.NoStream, Batch(3));
            // More than one page (5,000 events) of the upgrade's chaining, written through COPY.
            await store.AppendToStreamAsync(NewStream("t"), ExpectedVersion.NoStream, Batch(12_000));
            expected = await Integrity.LedgerIntegrity.DigestAsync(store);
        }

        // Back to the version 1 layout: no hash columns at all.
        await TestServer.ExecuteAsync($"ALTER TABLE \"{_schema}\".events DROP COLUMN hash, DROP COLUMN previous_hash; " +
                                      $"ALTER TABLE \"{_schema}\".head DROP COLUMN hash; " +
                                      $"UPDATE \"{_schema}\".meta SET value = '1' WHERE key = 'schema_version'");

        await using var upgraded = await OpenAsync();
        await upgraded.AppendToStreamAsync(NewStream("u"), ExpectedVersion.NoStream, Batch(1));

        Assert.Equal("2", await TestServer.ScalarAsync($"SELECT value FROM \"{_schema}\".meta WHERE key = 'schema_version'"));
        var report = await Integrity.LedgerIntegrity.VerifyAsync(upgraded, extends: expected);
        Assert.True(report.IsIntact, report.ToString());
        Assert.Equal(12_004, report.Head!.Size);
    }

    [SkippableFact]
    public async Task A_ledger_from_a_newer_schema_version_is_refused_and_left_unchanged()
    {
        await using (await OpenAsync())
        {
        }

        await TestServer.ExecuteAsync($"UPDATE \"{_schema}\".meta SET value = '42' WHERE key = 'schema_version'");
        var before = await CatalogAsync();

        var error = await Assert.ThrowsAsync<StoreSchemaException>(OpenAsync);

        Assert.Contains($"has schema version 42, newer than the {PostgreSqlEventStore.SchemaVersion}", error.Message, StringComparison.Ordinal);
        Assert.Contains("table events column hash bytea", before, StringComparison.Ordinal);
        Assert.Contains("meta schema_version = 42", before, StringComparison.Ordinal);
        Assert.Equal(before, await CatalogAsync());
    }

    [SkippableFact]
    public async Task Opening_one_new_schema_from_many_store_objects_at_once_creates_it_once()
    {
        TestServer.Require();
        using var logs = new LogCapture();

        var stores = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => PostgreSqlEventStore.OpenAsync(
            new PostgreSqlStoreOptions { ConnectionString = TestServer.Require(), Schema = _schema, LoggerFactory = logs })));
        foreach (var store in stores)
        {
            await store.DisposeAsync();
        }

        // One store created the schema (under the advisory lock); the five others found it at the current version.
        Assert.Single(logs.WithId(SchemaCreatedEvent));
        Assert.Empty(logs.WithId(SchemaUpgradedEvent));
        var version = PostgreSqlEventStore.SchemaVersion.ToString(System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal($"application=claims-ledger;schema_version={version}", await TestServer.ScalarAsync(
            $"SELECT string_agg(key || '=' || value, ';' ORDER BY key) FROM \"{_schema}\".meta"));
        Assert.Equal("events,head,meta", await TestServer.ScalarAsync(
            $"SELECT string_agg(table_name, ',' ORDER BY table_name) FROM information_schema.tables WHERE table_schema = '{_schema}'"));
    }

    [SkippableFact]
    public async Task A_subscription_in_one_process_hears_appends_from_another()
    {
        await using var listener = await OpenAsync();
        await using var writer = await OpenAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var stream = NewStream("heard");

        var heard = listener.SubscribeToAllAsync(null, timeout.Token).FirstAsync(e => e.Stream == stream, timeout.Token);
        await Task.Delay(200);
        await writer.AppendToStreamAsync(stream, ExpectedVersion.NoStream, Batch(1));

        Assert.Equal(stream, (await heard).Stream);
    }

    [SkippableFact]
    public async Task Large_appends_go_through_copy_and_read_back_identically()
    {
        await using var store = await OpenAsync();
        var stream = NewStream("bulk");
        var events = Batch(5000);

        var result = await store.AppendToStreamAsync(stream, ExpectedVersion.NoStream, events);

        var read = await store.ReadStreamForwardsAsync(stream).ToListAsync();
        Assert.Equal(4999, result.LastVersion);
        Assert.Equal(events.Select(e => e.EventId), read.Select(e => e.EventId));
        Assert.Equal(Enumerable.Range(0, 5000), read.Select(Number));
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => TestServer.DropSchemaAsync(_schema);

    private Task<PostgreSqlEventStore> OpenAsync() => OpenAsync(TimeProvider.System);

    private Task<PostgreSqlEventStore> OpenAsync(TimeProvider clock) =>
        PostgreSqlEventStore.OpenAsync(new PostgreSqlStoreOptions
        {
            ConnectionString = TestServer.Require(),
            Schema = _schema,
            Clock = clock,
        });

    /// <summary>
    /// Every column, constraint, index, relation (tables, sequences, views …) and function of the test's schema, one
    /// line each, sorted; and the ledger's meta rows unless <paramref name="withMeta"/> is false (no meta table).
    /// </summary>
    private async Task<string> CatalogAsync(bool withMeta = true) =>
        await TestServer.ScalarAsync(
            "SELECT string_agg(line, E'\\n' ORDER BY line) FROM (" +
            "SELECT 'table ' || table_name || ' column ' || column_name || ' ' || data_type || ' ' || is_nullable AS line " +
            $"FROM information_schema.columns WHERE table_schema = '{_schema}' " +
            "UNION ALL SELECT 'constraint ' || conrelid::regclass::text || ' ' || conname || ' ' || pg_get_constraintdef(oid) " +
            $"FROM pg_constraint WHERE connamespace = '\"{_schema}\"'::regnamespace " +
            $"UNION ALL SELECT 'index ' || indexname || ' ' || indexdef FROM pg_indexes WHERE schemaname = '{_schema}' " +
            $"UNION ALL SELECT 'relation ' || relname || ' ' || relkind::text FROM pg_class WHERE relnamespace = '\"{_schema}\"'::regnamespace " +
            $"UNION ALL SELECT 'function ' || proname FROM pg_proc WHERE pronamespace = '\"{_schema}\"'::regnamespace " +
            (withMeta ? $"UNION ALL SELECT 'meta ' || key || ' = ' || value FROM \"{_schema}\".meta" : "") +
            ") AS catalog") ?? "";

    private static int FreePort()
    {
        using var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        var port = ((IPEndPoint)socket.LocalEndpoint).Port;
        socket.Stop();
        return port;
    }
}
