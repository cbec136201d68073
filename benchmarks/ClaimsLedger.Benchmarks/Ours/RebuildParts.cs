using System.Buffers;
using System.Diagnostics;
using System.Globalization;
using ClaimsLedger.Benchmarks.Measurement;
using ClaimsLedger.Events;
using ClaimsLedger.Serialization;
using ClaimsLedger.Snapshots;
using ClaimsLedger.Sqlite;
using ClaimsLedger.Storage;
using Microsoft.Data.Sqlite;

namespace ClaimsLedger.Benchmarks.Ours;

/// <summary>
/// <c>rebuild-parts FILE</c>: where the open of one SQLite ledger file goes, in one process: raw
/// Microsoft.Data.Sqlite reads of the events table (all columns, then fewer: the floor under any rebuild from the
/// store), the store's own read, decoding, decoding + folding into a fresh index, and <c>Ledger.OpenAsync</c> whole.
/// <c>rebuild-parts FILE save-snapshot</c> saves <c>FILE.snapshot</c>; <c>rebuild-parts FILE snapshot</c> times
/// reading and decoding that snapshot. Manual: the files are the big ones made by <c>claims generate</c>/<c>import</c>.
/// </summary>
internal static class RebuildParts
{
    public const string Command = "rebuild-parts";

    private static readonly string[] RawReads =
    [
        "SELECT position, stream, version, event_id, type, data, metadata, recorded_at, hash, previous_hash FROM ledger_events ORDER BY position",
        "SELECT position, stream, version, event_id, type, data, metadata, recorded_at FROM ledger_events ORDER BY position",
        "SELECT position, data FROM ledger_events ORDER BY position",
    ];

    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Length < 2 || !File.Exists(args[1]))
        {
            await Console.Error.WriteLineAsync($"usage: {Command} LEDGER.db [save-snapshot|snapshot]");
            return 2;
        }

        var path = args[1];
        var store = await SqliteEventStore.OpenAsync(new SqliteStoreOptions { Path = path, ReadOnly = args.Length == 2 });
        await using var _ = store;
        return args.Length > 2 && args[2] == "save-snapshot" ? await SaveSnapshotAsync(store, path)
            : args.Length > 2 && args[2] == "snapshot" ? await SnapshotPartsAsync(path)
            : await StorePartsAsync(store, path);
    }

    private static async Task<int> StorePartsAsync(SqliteEventStore store, string path)
    {
        foreach (var sql in RawReads)
        {
            RawRead(path, sql);
        }

        // In a method of its own, so that nothing it held (the rows, the index folded from them) is still reachable
        // from this one when the open's heap is measured.
        var count = await TimePartsAsync(store);
        GC.Collect();
        var opened = await Rebuild.OpenAsync(store, CancellationToken.None);
        Print("Ledger.OpenAsync", count, opened.Elapsed, opened.Gc);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"heap held by the open ledger: {opened.HeapBytes / 1048576.0:N1} MiB"));
        return 0;
    }

    private static async Task<int> TimePartsAsync(SqliteEventStore store)
    {
        var (rows, read) = await Rebuild.ReadAllAsync(store, CancellationToken.None);
        Print("SqliteEventStore read", rows.Count, read, null);
        for (var i = 0; i < 2; i++)
        {
            var indexRead = await Rebuild.ReadForIndexAsync(store, CancellationToken.None);
            Print("the store's index read", rows.Count, TimeSpan.FromSeconds(rows.Count / indexRead), null);
        }

        var (decoded, decodeGc) = Rebuild.Deserialize(rows);
        Print("decode", rows.Count, decoded, decodeGc);
        var (_, folded, foldGc) = Rebuild.Index(rows);
        Print("decode + fold", rows.Count, folded, foldGc);
        return rows.Count;
    }

    private static void RawRead(string path, string sql)
    {
        var clock = Stopwatch.StartNew();
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = 0;
        while (reader.Read())
        {
            for (var i = 0; i < reader.FieldCount; i++)
            {
                _ = reader.GetValue(i);
            }

            rows++;
        }

        Print($"raw read, {reader.FieldCount} columns", rows, clock.Elapsed, null);
    }

    private static async Task<int> SaveSnapshotAsync(SqliteEventStore store, string path)
    {
        var clock = Stopwatch.StartNew();
        var ledger = await Ledger.OpenAsync(store, new LedgerOptions { Snapshots = FileSnapshotStore.Beside(path) });
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"opened in {clock.Elapsed.TotalSeconds:N1} s (snapshot: {ledger.Snapshot.Outcome})"));
        clock.Restart();
        var saved = await ledger.SaveSnapshotAsync();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"saved {saved?.Events:N0} events, {saved?.Bytes:N0} bytes in {clock.Elapsed.TotalSeconds:N1} s"));
        return 0;
    }

    private static async Task<int> SnapshotPartsAsync(string path)
    {
        foreach (var decode in new[] { false, true })
        {
            var clock = Stopwatch.StartNew();
            var gc = GcWatch.Start();
            await using var input = File.OpenRead(path + ".snapshot");
            using var reader = new SnapshotReader(input);
            await reader.ReadHeaderAsync(CancellationToken.None);
            var events = new List<RecordedEvent>();
            var kept = new List<LedgerEvent>();
            var count = 0;
            while (await reader.ReadBlockAsync(events, CancellationToken.None) is { } block)
            {
                count += events.Count;
                if (decode)
                {
                    kept.AddRange(events.Select(e => EventSerializer.Deserialize(e.Type, e.Data.Span)));
                }

                events.Clear();
                ArrayPool<byte>.Shared.Return(block);
            }

            Print(decode ? "snapshot read + decode" : "snapshot read", count, clock.Elapsed, gc.Stop());
        }

        return 0;
    }

    private static void Print(string part, int count, TimeSpan elapsed, GcDelta? gc)
    {
        var line = string.Create(CultureInfo.InvariantCulture,
            $"{part,-28} {elapsed.TotalMilliseconds,9:N0} ms {count / elapsed.TotalSeconds,12:N0} ev/s");
        if (gc is { } g)
        {
            line += string.Create(CultureInfo.InvariantCulture,
                $"  GC {g.Pause.TotalMilliseconds:N0} ms, {g.Allocated / Math.Max(1, count):N0} B/ev allocated");
        }

        Console.WriteLine(line);
    }
}
