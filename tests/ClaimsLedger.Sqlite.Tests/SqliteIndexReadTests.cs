using ClaimsLedger.Conformance;
using ClaimsLedger.Events;
using ClaimsLedger.Storage;
using ClaimsLedger.Storage.InMemory;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;

namespace ClaimsLedger.Sqlite.Tests;

/// <summary>
/// An open reads every row on SQLite's own API and decodes each payload where SQLite holds it, without copying it: the
/// index must be the one the recording ledger built, and a payload that does not decode must still fail the open with
/// its position and the decoder's own reason, wherever it falls among the open's batches.
/// </summary>
public sealed class SqliteIndexReadTests : IDisposable
{
    private const int Statements = 3_000;

    private readonly TempFolder _folder = new();
    private readonly FakeTimeProvider _clock = new(SampleEvents.After);

    [Fact]
    public async Task A_ledger_opened_on_thousands_of_events_from_a_file_has_the_views_of_the_ledger_that_recorded_them()
    {
        var path = _folder.File("ledger.db");
        var (recorder, earlier) = await RecordAsync(path);

        await using var store = await SqliteEventStore.OpenAsync(new SqliteStoreOptions { Path = path, Clock = _clock });
        var opened = await Ledger.OpenAsync(store, new LedgerOptions { Clock = _clock });

        Assert.Equal(recorder.EventCount, opened.EventCount);
        Assert.Equal((await recorder.GetBoardAsync(recorder.Now())).ToJson(), (await opened.GetBoardAsync(opened.Now())).ToJson());
        Assert.Equal((await recorder.GetBoardAsync(earlier)).ToJson(), (await opened.GetBoardAsync(earlier)).ToJson());
        var claim = new ClaimId("claim-07");
        Assert.Equal((await recorder.GetClaimAsync(claim, earlier))!.ToJson(), (await opened.GetClaimAsync(claim, earlier))!.ToJson());
    }

    [Fact]
    public async Task The_index_read_decodes_payloads_in_place_and_copies_only_a_payload_that_does_not_decode()
    {
        var path = _folder.File("ledger.db");
        await RecordAsync(path);
        var stored = await ScalarAsync(path, "SELECT CAST(data AS TEXT) FROM ledger_events WHERE position = 40");
        await ExecuteAsync(path, "UPDATE ledger_events SET data = $data WHERE position = 41",
            ("$data", "{\"id\":"u8.ToArray()));
        await using var store = await SqliteEventStore.OpenAsync(new SqliteStoreOptions { Path = path, Clock = _clock });

        var decoded = await store.ReadAllAfterForIndexAsync(null, decode: true).ToListAsync();
        var copied = await store.ReadAllAfterForIndexAsync(null, decode: false).ToListAsync();

        Assert.Equal(3_002, decoded.Count);
        Assert.All(decoded.Where(r => r.Recorded.Position != GlobalPosition.FromSequence(41)), row =>
        {
            Assert.NotNull(row.Event);
            Assert.True(row.Recorded.Data.IsEmpty, $"the payload at {row.Recorded.Position} was copied");
        });
        var bad = decoded[40];
        Assert.Null(bad.Event);
        Assert.Equal("{\"id\":", System.Text.Encoding.UTF8.GetString(bad.Recorded.Data.Span));
        Assert.Contains($"\"{((Statement)decoded[39].Event!).Id.Value}\"", stored, StringComparison.Ordinal);
        Assert.All(copied, row => Assert.Null(row.Event));
        Assert.Equal(stored, System.Text.Encoding.UTF8.GetString(copied[39].Recorded.Data.Span));
        Assert.Equal(decoded.Select(r => r.Recorded with { Data = default }), copied.Select(r => r.Recorded with { Data = default }));
    }

    [Fact]
    public async Task Ledgers_opened_at_once_on_one_store_each_read_every_event()
    {
        // Each read takes a connection of its own: SQLite's mutex is off on them, so none may be shared.
        var path = _folder.File("ledger.db");
        var (recorder, _) = await RecordAsync(path);
        await using var store = await SqliteEventStore.OpenAsync(new SqliteStoreOptions { Path = path, Clock = _clock });

        var opened = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ =>
            Task.Run(() => Ledger.OpenAsync(store, new LedgerOptions { Clock = _clock }))));

        var board = (await recorder.GetBoardAsync(recorder.Now())).ToJson();
        foreach (var ledger in opened)
        {
            Assert.Equal(recorder.EventCount, ledger.EventCount);
            Assert.Equal(board, (await ledger.GetBoardAsync(ledger.Now())).ToJson());
        }
    }

    [Fact]
    public async Task A_read_only_ledger_file_opens_with_the_views_of_its_recorder_and_is_left_unchanged()
    {
        var path = _folder.File("ledger.db");
        string board;
        await using (var recording = await SqliteEventStore.OpenAsync(new SqliteStoreOptions { Path = path, Clock = _clock }))
        {
            var (recorder, _) = await RecordAsync(recording);
            board = (await recorder.GetBoardAsync(recorder.Now())).ToJson();
        }

        if (OperatingSystem.IsWindows())
        {
            File.SetAttributes(path, FileAttributes.ReadOnly);
        }
        else
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        }

        var before = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(path)));

        await using (var store = await SqliteEventStore.OpenAsync(new SqliteStoreOptions { Path = path, ReadOnly = true, Clock = _clock }))
        {
            var reader = await Ledger.OpenAsync(store, new LedgerOptions { Clock = _clock });
            Assert.Equal(board, (await reader.GetBoardAsync(reader.Now())).ToJson());
        }

        Assert.Equal(before, Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(path))));
    }

    [Fact]
    public async Task Index_connections_are_never_shared_keep_two_idle_and_close_the_rest()
    {
        var path = _folder.File("ledger.db");
        await (await SqliteEventStore.OpenAsync(path)).DisposeAsync();
        var connections = new SqliteIndexConnections(path, readOnly: false);

        var (a, b, c) = (connections.Rent(), connections.Rent(), connections.Rent());
        Assert.Equal(3, new HashSet<SQLitePCL.sqlite3>([a, b, c]).Count);
        connections.Return(a);
        connections.Return(b);
        connections.Return(c);
        Assert.False(a.IsClosed || b.IsClosed, "an idle connection was closed while fewer than two were kept");
        Assert.True(c.IsClosed, "a third idle connection was kept");
        var again = connections.Rent();
        Assert.True(ReferenceEquals(again, b) || ReferenceEquals(again, a));
        connections.Return(again);

        connections.Dispose();
        Assert.True(a.IsClosed && b.IsClosed, "disposal left idle connections open");
        var late = connections.Rent(); // a disposed store still reads, on a connection closed after its read
        Assert.False(late.IsClosed);
        connections.Return(late);
        Assert.True(late.IsClosed);
    }

    [Theory]
    [InlineData(false, 0)]
    [InlineData(true, 1)]
    public async Task An_index_connection_is_read_only_when_the_store_is_and_never_creates_the_file(bool readOnly,
        int expected)
    {
        var absent = _folder.File("absent.db");
        using (var missing = new SqliteIndexConnections(absent, readOnly))
        {
            var error = Assert.Throws<SqliteException>(() => missing.Rent());
            Assert.Equal(14, error.SqliteErrorCode); // SQLITE_CANTOPEN
        }

        Assert.False(File.Exists(absent));
        var path = _folder.File("ledger.db");
        await (await SqliteEventStore.OpenAsync(path)).DisposeAsync();
        using var connections = new SqliteIndexConnections(path, readOnly);
        var db = connections.Rent();
        Assert.Equal(expected, SQLitePCL.raw.sqlite3_db_readonly(db, "main"));
        connections.Return(db);
    }

    [Theory]
    [InlineData(1_500)] // inside the open's second batch of 1,024 events
    [InlineData(3_000)] // among the events after the last full batch
    public async Task A_payload_that_does_not_decode_fails_the_open_with_its_position_and_the_decoders_reason(int position)
    {
        var path = _folder.File("ledger.db");
        await RecordAsync(path);
        const string broken = "{\"id\":";
        await ExecuteAsync(path, "UPDATE ledger_events SET data = $data WHERE position = $position",
            ("$data", System.Text.Encoding.UTF8.GetBytes(broken)), ("$position", position));
        var type = await ScalarAsync(path, $"SELECT type FROM ledger_events WHERE position = {position}");
        var reason = await ReasonInMemoryAsync(type, broken);

        await using var store = await SqliteEventStore.OpenAsync(new SqliteStoreOptions { Path = path, Clock = _clock });
        var error = await Assert.ThrowsAsync<LedgerFormatException>(() =>
            Ledger.OpenAsync(store, new LedgerOptions { Clock = _clock }));

        Assert.Contains($"event at position {position} in stream ", error.Message, StringComparison.Ordinal);
        Assert.EndsWith($"({type}): {reason}", error.Message, StringComparison.Ordinal);
    }

    /// <summary>What the decoder says of the payload when an open meets it in an in-memory store.</summary>
    private async Task<string> ReasonInMemoryAsync(string type, string payload)
    {
        var memory = new InMemoryEventStore(_clock);
        await memory.AppendToStreamAsync(new StreamName("claim-x"), ExpectedVersion.Any,
            [new EventData(Guid.NewGuid(), type, System.Text.Encoding.UTF8.GetBytes(payload), "{}"u8.ToArray())]);
        var error = await Assert.ThrowsAsync<LedgerFormatException>(() =>
            Ledger.OpenAsync(memory, new LedgerOptions { Clock = _clock }));
        var marker = $"({type}): ";
        return error.Message[(error.Message.IndexOf(marker, StringComparison.Ordinal) + marker.Length)..];
    }

    public void Dispose() => _folder.Dispose();

    /// <summary>Registrations, then statements in batches (each its own recordedAt), a few corrected.</summary>
    private async Task<(Ledger Recorder, AsOf Earlier)> RecordAsync(string path) =>
        await RecordAsync(await SqliteEventStore.OpenAsync(new SqliteStoreOptions { Path = path, Clock = _clock }));

    private async Task<(Ledger Recorder, AsOf Earlier)> RecordAsync(SqliteEventStore store)
    {
        var recorder = await Ledger.OpenAsync(store, new LedgerOptions { Clock = _clock });
        List<LedgerEvent> registrations = [new SourceRegistered("wire", "Wire Service", "Daily wire")];
        registrations.AddRange(Enumerable.Range(0, 20).Select(c => new ClaimRegistered($"claim-{c:D2}", $"Claim {c}")));
        registrations.AddRange(Enumerable.Range(0, 15).Select(a =>
            new ActorRegistered($"actor-{a:D2}", $"Actor {a}", ActorKind.Person)));
        await recorder.RecordAsync(registrations);

        var random = new Random(11);
        var statements = Enumerable.Range(0, Statements - registrations.Count).Select(i =>
        {
            var (claim, actor) = ($"claim-{random.Next(20):D2}", $"actor-{random.Next(15):D2}");
            var said = SaidAt.Day(new DateOnly(2023, 1, 1).AddDays(random.Next(90)));
            return random.Next(3) == 0
                ? (LedgerEvent)new StatementDenied($"s-{i:D4}", claim, actor, said, "wire") { Quote = $"No ({i})" }
                : new StatementAsserted($"s-{i:D4}", claim, actor, said, "wire") { Quote = $"Yes ({i})" };
        }).ToList();
        AsOf? earlier = null;
        foreach (var batch in statements.Chunk(700))
        {
            _clock.Advance(TimeSpan.FromMinutes(1));
            await recorder.RecordAsync(batch);
            earlier ??= AsOf.At(_clock.GetUtcNow()); // after the first batch of statements only
        }

        _clock.Advance(TimeSpan.FromMinutes(1));
        await recorder.RecordAsync([
            new StatementStruck("strike-1", "s-0003", "recorded in error"),
            new StatementAmended("fix-1", "s-0100", new StatementChanges { Certainty = Certainty.Possible }, "misread"),
        ]);
        return (recorder, earlier ?? throw new InvalidOperationException("no statements were recorded"));
    }

    private static async Task ExecuteAsync(string path, string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        Assert.Equal(1, await command.ExecuteNonQueryAsync());
    }

    private static async Task<string> ScalarAsync(string path, string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={path};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (string)(await command.ExecuteScalarAsync())!;
    }
}
