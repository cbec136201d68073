using System.Security.Cryptography;
using ClaimsLedger.Conformance;
using ClaimsLedger.Storage;
using Microsoft.Data.Sqlite;
using static ClaimsLedger.Conformance.StoreTestData;

namespace ClaimsLedger.Sqlite.Tests;

/// <summary>Opening files: creation, upgrades, and clear refusals that leave a wrong file untouched.</summary>
public sealed class SqliteFileTests : IDisposable
{
    private readonly TempFolder _folder = new();

    [Fact]
    public async Task A_new_file_gets_the_current_schema_in_wal_mode()
    {
        var path = _folder.File("new.db");

        await using (await SqliteEventStore.OpenAsync(path))
        {
        }

        Assert.Equal(SqliteEventStore.SchemaVersion.ToString(System.Globalization.CultureInfo.InvariantCulture),
            await ScalarAsync(path, "SELECT value FROM ledger_meta WHERE key = 'schema_version'"));
        Assert.Equal("wal", await ScalarAsync(path, "PRAGMA journal_mode"));
    }

    [Fact]
    public async Task A_new_file_gets_32_KiB_pages_and_a_log_of_32_MiB_to_256_MiB()
    {
        var path = _folder.File("pages.db");

        await using (var store = await SqliteEventStore.OpenAsync(path))
        {
            await store.AppendToStreamAsync(NewStream("s"), ExpectedVersion.NoStream, Batch(3));
        }

        Assert.Equal("32768", await ScalarAsync(path, "PRAGMA page_size"));
        Assert.Equal(1024, SqliteEventStore.CheckpointPages(filePages: 10, pageSize: 32768));
        Assert.Equal(2500, SqliteEventStore.CheckpointPages(filePages: 10_000, pageSize: 32768));
        Assert.Equal(8192, SqliteEventStore.CheckpointPages(filePages: 1_000_000, pageSize: 32768));
    }

    [Fact]
    public async Task A_ledger_made_with_4_KiB_pages_keeps_them_and_its_log_is_counted_in_its_own_pages()
    {
        // Files made by earlier versions have SQLite's default pages. A file that holds pages already keeps their size,
        // so this one, written once with 4 KiB pages and emptied again, stands for such a ledger.
        var path = _folder.File("small-pages.db");
        await ExecuteAsync(path, "PRAGMA page_size = 4096; PRAGMA journal_mode = WAL; CREATE TABLE seed (x); DROP TABLE seed;");

        await using (var store = await SqliteEventStore.OpenAsync(path))
        {
            await store.AppendToStreamAsync(NewStream("s"), ExpectedVersion.NoStream, Batch(3));
        }

        await using var again = await SqliteEventStore.OpenAsync(path);
        Assert.Equal("4096", await ScalarAsync(path, "PRAGMA page_size"));
        Assert.Equal(3, await again.ReadAllForwardsAsync(GlobalPosition.Start).CountAsync());
        Assert.Equal(8192, SqliteEventStore.CheckpointPages(filePages: 10, pageSize: 4096));
        Assert.Equal(65536, SqliteEventStore.CheckpointPages(filePages: 1_000_000, pageSize: 4096));
    }

    [Fact]
    public async Task Appended_rows_hold_the_event_id_as_16_bytes_and_empty_metadata_as_an_empty_blob()
    {
        // The store inserts through SQLite's own API; lookups by event id (through ADO.NET) and reads (GetGuid) need
        // these column values: the id's bytes in .NET's order, and an empty blob rather than NULL.
        var path = _folder.File("rows.db");
        var id = Guid.NewGuid();
        await using (var store = await SqliteEventStore.OpenAsync(path))
        {
            await store.AppendToStreamAsync(NewStream("s"), ExpectedVersion.NoStream,
                [new EventData(id, "test-happened.v1", "{\"n\":1}"u8.ToArray(), ReadOnlyMemory<byte>.Empty)]);
        }

        Assert.Equal($"blob {Convert.ToHexString(id.ToByteArray())} blob 0 blob 32",
            await ScalarAsync(path, "SELECT typeof(event_id) || ' ' || hex(event_id) || ' ' || typeof(metadata) || ' ' || " +
                                    "length(metadata) || ' ' || typeof(hash) || ' ' || length(hash) FROM ledger_events"));
    }

    [Fact]
    public async Task A_version_2_ledger_gets_its_event_ids_as_bytes_and_still_knows_every_one()
    {
        var path = _folder.File("v2.db");
        var (stream, events) = (NewStream("s"), Batch(3));
        Integrity.LedgerDigest expected;
        await using (var store = await SqliteEventStore.OpenAsync(path))
        {
            await store.AppendToStreamAsync(stream, ExpectedVersion.NoStream, events);
            expected = await Integrity.LedgerIntegrity.DigestAsync(store);
        }

        // Back to the version 2 layout: ids as the upper-case text ADO.NET wrote for a Guid.
        await ExecuteAsync(path, "DROP INDEX ledger_events_event_id; " +
                                 "UPDATE ledger_events SET event_id = (SELECT substr(h, 7, 2) || substr(h, 5, 2) || substr(h, 3, 2) || " +
                                 "substr(h, 1, 2) || '-' || substr(h, 11, 2) || substr(h, 9, 2) || '-' || substr(h, 15, 2) || " +
                                 "substr(h, 13, 2) || '-' || substr(h, 17, 4) || '-' || substr(h, 21, 12) FROM (SELECT hex(event_id) AS h)); " +
                                 "CREATE UNIQUE INDEX ledger_events_event_id ON ledger_events (event_id); " +
                                 "UPDATE ledger_meta SET value = '2' WHERE key = 'schema_version'");
        Assert.Equal(events[0].EventId.ToString("D").ToUpperInvariant(),
            await ScalarAsync(path, "SELECT event_id FROM ledger_events WHERE position = 1"));

        await using var upgraded = await SqliteEventStore.OpenAsync(path);

        Assert.Equal(SqliteEventStore.SchemaVersion.ToString(System.Globalization.CultureInfo.InvariantCulture),
            await ScalarAsync(path, "SELECT value FROM ledger_meta WHERE key = 'schema_version'"));
        Assert.Equal("blob 3", await ScalarAsync(path, "SELECT min(typeof(event_id)) || ' ' || count(*) FROM ledger_events " +
                                                        "WHERE length(event_id) = 16"));
        Assert.Equal(events.Select(e => e.EventId),
            await upgraded.ReadAllForwardsAsync(GlobalPosition.Start).Select(e => e.EventId).ToListAsync());
        // The same append again is a repeat; the same id with other content, even in another stream, is refused.
        var repeat = await upgraded.AppendToStreamAsync(stream, ExpectedVersion.NoStream, events);
        Assert.True(repeat.AlreadyPresent);
        await Assert.ThrowsAsync<DuplicateEventException>(() => upgraded.AppendToStreamAsync(NewStream("t"),
            ExpectedVersion.NoStream, [events[1] with { Data = "{\"other\":true}"u8.ToArray() }]));
        var report = await Integrity.LedgerIntegrity.VerifyAsync(upgraded, extends: expected);
        Assert.True(report.IsIntact, report.ToString());
    }

    [Fact]
    public async Task Opening_an_existing_ledger_again_changes_nothing_and_keeps_its_events()
    {
        var path = _folder.File("ledger.db");
        await using (var store = await SqliteEventStore.OpenAsync(path))
        {
            await store.AppendToStreamAsync(NewStream("s"), ExpectedVersion.NoStream, Batch(3));
        }

        var before = await LayoutAsync(path);
        await using (var again = await SqliteEventStore.OpenAsync(path))
        {
            Assert.Equal(3, await again.ReadAllForwardsAsync(GlobalPosition.Start).CountAsync());
        }

        Assert.Contains("ledger_events", before, StringComparison.Ordinal);
        Assert.Contains("schema_version", before, StringComparison.Ordinal);
        Assert.Equal(before, await LayoutAsync(path));
    }

    [Fact]
    public async Task A_version_1_ledger_is_upgraded_with_the_chain_its_events_would_have_had()
    {
        var path = _folder.File("v1.db");
        Integrity.LedgerDigest expected;
        await using (var store = await SqliteEventStore.OpenAsync(path))
        {
            await store.AppendToStreamAsync(NewStream("s"), ExpectedVersion.NoStream, Batch(3));
            // More than one page (5,000 events) of the upgrade's chaining.
            await store.AppendToStreamAsync(NewStream("t"), ExpectedVersion.NoStream, Batch(12_000));
            expected = await Integrity.LedgerIntegrity.DigestAsync(store);
        }

        // Back to the version 1 layout: no hash columns at all.
        await ExecuteAsync(path, "ALTER TABLE ledger_events DROP COLUMN hash");
        await ExecuteAsync(path, "ALTER TABLE ledger_events DROP COLUMN previous_hash");
        await ExecuteAsync(path, "ALTER TABLE ledger_head DROP COLUMN hash");
        await ExecuteAsync(path, "UPDATE ledger_meta SET value = '1' WHERE key = 'schema_version'");

        await using var upgraded = await SqliteEventStore.OpenAsync(path);
        await upgraded.AppendToStreamAsync(NewStream("u"), ExpectedVersion.NoStream, Batch(1));

        Assert.Equal(SqliteEventStore.SchemaVersion.ToString(System.Globalization.CultureInfo.InvariantCulture),
            await ScalarAsync(path, "SELECT value FROM ledger_meta WHERE key = 'schema_version'"));
        var report = await Integrity.LedgerIntegrity.VerifyAsync(upgraded, extends: expected);
        Assert.True(report.IsIntact, report.ToString());
        Assert.Equal(12_004, report.Head!.Size);
    }

    [Fact]
    public async Task Events_written_with_the_chain_switched_off_are_reported_unhashed()
    {
        var path = _folder.File("unchained.db");
        await using (var store = await SqliteEventStore.OpenAsync(path))
        {
            await store.AppendToStreamAsync(NewStream("s"), ExpectedVersion.NoStream, Batch(2));
        }

        await using var unchained = await SqliteEventStore.OpenAsync(new SqliteStoreOptions { Path = path, HashChain = false });
        await unchained.AppendToStreamAsync(NewStream("t"), ExpectedVersion.NoStream, Batch(1));

        var report = await Integrity.LedgerIntegrity.VerifyAsync(unchained);
        Assert.Equal((3, Integrity.IntegrityProblem.Unhashed), (report.Break?.Sequence, report.Break?.Problem));
    }

    [Fact]
    public async Task A_file_that_is_not_a_database_is_refused_and_left_unchanged()
    {
        var path = _folder.File("notes.db");
        await File.WriteAllTextAsync(path, "These are my notes, not a database. " + new string('x', 5000));
        var before = Files(path);

        var error = await Assert.ThrowsAsync<StoreSchemaException>(() => SqliteEventStore.OpenAsync(path));

        Assert.Contains($"'{path}' is not a ClaimsLedger ledger", error.Message, StringComparison.Ordinal);
        Assert.Equal(before, Files(path));
    }

    [Fact]
    public async Task A_sqlite_database_of_another_application_is_refused_and_left_unchanged()
    {
        var path = _folder.File("other.db");
        await ExecuteAsync(path, "CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT); INSERT INTO customers VALUES (1, 'x');");
        var before = Files(path);

        var error = await Assert.ThrowsAsync<StoreSchemaException>(() => SqliteEventStore.OpenAsync(path));

        Assert.Contains("it holds other tables (customers)", error.Message, StringComparison.Ordinal);
        Assert.Equal(before, Files(path));
    }

    [Fact]
    public async Task A_ledger_from_a_newer_schema_version_is_refused_and_left_unchanged()
    {
        var path = _folder.File("future.db");
        await using (await SqliteEventStore.OpenAsync(path))
        {
        }

        await ExecuteAsync(path, "UPDATE ledger_meta SET value = '99' WHERE key = 'schema_version'");
        var before = Files(path);

        var error = await Assert.ThrowsAsync<StoreSchemaException>(() => SqliteEventStore.OpenAsync(path));

        Assert.Contains($"has schema version 99, newer than the {SqliteEventStore.SchemaVersion} this version of ClaimsLedger supports", error.Message,
            StringComparison.Ordinal);
        Assert.Equal(before, Files(path));
    }

    [Fact]
    public async Task A_read_only_file_is_refused_for_writing_and_can_be_opened_read_only()
    {
        var path = _folder.File("archive.db");
        await using (var store = await SqliteEventStore.OpenAsync(path))
        {
            await store.AppendToStreamAsync(NewStream("s"), ExpectedVersion.NoStream, Batch(2));
        }

        if (OperatingSystem.IsWindows())
        {
            File.SetAttributes(path, FileAttributes.ReadOnly);
        }
        else
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        }

        var before = Files(path);

        var refused = await Assert.ThrowsAsync<StoreReadOnlyException>(() => SqliteEventStore.OpenAsync(path));
        var afterRefusal = Files(path);
        await using var reader = await SqliteEventStore.OpenAsync(new SqliteStoreOptions { Path = path, ReadOnly = true });
        var events = await reader.ReadAllForwardsAsync(GlobalPosition.Start).CountAsync();
        var append = await Assert.ThrowsAsync<StoreReadOnlyException>(() =>
            reader.AppendToStreamAsync(NewStream("s"), ExpectedVersion.Any, Batch(1)));

        Assert.Contains("is read-only; open it with SqliteStoreOptions.ReadOnly = true", refused.Message, StringComparison.Ordinal);
        Assert.Equal(2, events);
        Assert.Contains("open read-only", append.Message, StringComparison.Ordinal);
        Assert.Equal(before, afterRefusal);
        Assert.Equal(before[path], Hash(path));
    }

    [Fact]
    public async Task A_missing_folder_or_missing_file_for_reading_is_a_clear_error()
    {
        var noFolder = await Assert.ThrowsAsync<StoreUnavailableException>(() =>
            SqliteEventStore.OpenAsync(_folder.File(Path.Combine("no", "such", "ledger.db"))));
        var noFile = await Assert.ThrowsAsync<StoreUnavailableException>(() =>
            SqliteEventStore.OpenAsync(new SqliteStoreOptions { Path = _folder.File("absent.db"), ReadOnly = true }));

        Assert.Contains("the folder does not exist", noFolder.Message, StringComparison.Ordinal);
        Assert.Contains("there is no ledger file at", noFile.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(_folder.File("absent.db")));
    }

    [Fact]
    public void Invalid_options_name_the_offending_setting()
    {
        var error = Assert.Throws<ArgumentException>(() =>
            new SqliteStoreOptions { Path = "x.db", BusyTimeout = TimeSpan.Zero }.Validate());

        Assert.Contains("SqliteStoreOptions.BusyTimeout", error.Message, StringComparison.Ordinal);
    }

    public void Dispose() => _folder.Dispose();

    private static string Hash(string path) => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(path)));

    /// <summary>The file and its SQLite siblings (log, shared memory, rollback journal): each one's hash, or "absent".</summary>
    private static Dictionary<string, string> Files(string path) =>
        new[] { path, path + "-wal", path + "-shm", path + "-journal" }
            .ToDictionary(file => file, file => File.Exists(file) ? Hash(file) : "absent");

    /// <summary>The schema (every table, index and trigger with its SQL) and the metadata rows, as text.</summary>
    private static async Task<string> LayoutAsync(string path) =>
        await ScalarAsync(path, "SELECT group_concat(line, char(10)) FROM (" +
                                "SELECT type || ' ' || name || ': ' || coalesce(sql, '') AS line FROM sqlite_master " +
                                "UNION ALL SELECT 'meta ' || key || ' = ' || value FROM ledger_meta ORDER BY 1)") ?? "";

    private static async Task ExecuteAsync(string path, string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<string?> ScalarAsync(string path, string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={path};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (await command.ExecuteScalarAsync())?.ToString();
    }
}
