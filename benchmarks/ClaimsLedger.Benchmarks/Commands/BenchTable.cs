using System.Runtime.InteropServices;
using ClaimsLedger.Benchmarks.Measurement;
using static ClaimsLedger.Benchmarks.Commands.BenchMetric;

namespace ClaimsLedger.Benchmarks.Commands;

/// <summary>The one table of <c>bench</c>, from the medians of the collected figures, and the notes under it.</summary>
internal static class BenchTable
{
    public static string Environment(BenchOptions options) =>
        $"{DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC; .NET {System.Environment.Version}; {RuntimeInformation.OSDescription}; " +
        $"{System.Environment.ProcessorCount} cores; {options.Spec}; batches of {options.Batch:N0}; " +
        $"{options.Runs} run(s), medians{(options.Runs > 1 ? " (min–max over runs)" : string.Empty)}";

    public static string Build(Metrics m)
    {
        var table = new ResultTable("Operation", "Ours", "Baseline (same run)", "Ratio", "Target", "Result");
        var statements = m.Median(StatementCount);
        var size = Format.Count(statements);

        Higher(table, m, "Append, durable, batched: SQLite (Ledger.RecordAsync)", SqliteAppend, SqliteRaw,
            "raw Microsoft.Data.Sqlite INSERTs, one transaction", 0.70, ">= 70 %", percent: true);
        // Not a target: the same append against raw INSERTs that commit as often as it does, which shows how much of
        // the distance to the one-transaction baseline the batches' commits take.
        var (batched, batchedRuns) = WithinRuns(m, SqliteAppend, SqliteRawBatched, Format.Percent);
        table.Add("Append, durable, batched: SQLite vs raw INSERTs committed in the same batches",
            Format.Rate(m.Median(SqliteAppend)) + m.Spread(SqliteAppend, Format.Rate),
            $"{Format.Rate(m.Median(SqliteRawBatched))} (raw Microsoft.Data.Sqlite INSERTs, one transaction per batch)",
            Format.Percent(batched) + batchedRuns, "report", double.IsNaN(batched) ? "—" : "reported");
        // Not a target: the same ratio with the batches' commits taken out, which shows what the commits cost.
        var (oneBatch, oneBatchRuns) = WithinRuns(m, SqliteAppendOneBatch, SqliteRaw, Format.Percent);
        table.Add("Append, durable, every event in one batch (one commit, as claims import records a file): SQLite",
            Format.Rate(m.Median(SqliteAppendOneBatch)) + m.Spread(SqliteAppendOneBatch, Format.Rate),
            $"{Format.Rate(m.Median(SqliteRaw))} (raw Microsoft.Data.Sqlite INSERTs, one transaction)",
            Format.Percent(oneBatch) + oneBatchRuns, "report", double.IsNaN(oneBatch) ? "—" : "reported");
        Higher(table, m, "Append, durable, batched: PostgreSQL (Ledger.RecordAsync)", PgAppend, PgCopy,
            "raw Npgsql binary COPY, one transaction", 0.50, ">= 50 %", percent: true);
        Higher(table, m, "Append, durable, batched: PostgreSQL vs Marten", PgAppend, MartenAppend,
            "Marten 9.58 quick append, same batches", 3, ">= 3×", percent: false);

        Under(table, m, $"One claim as of random (T, R), {size} statements: public GetClaimAsync (SQLite; catches up first)",
            ClaimPublic, 20);
        Under(table, m, $"One claim as of random (T, R), {size} statements: in-memory evaluation only (LedgerQueries.Claim)",
            ClaimIndex, 20);
        Faster(table, m, "One claim as of (end, R) vs Marten AggregateStreamAsync(timestamp:): public GetClaimAsync (PostgreSQL)",
            PgClaimPublic, MartenClaim);
        Faster(table, m, "One claim as of (end, R) vs Marten AggregateStreamAsync(timestamp:): public GetClaimAsync (PostgreSQL, ChangeDetection = Notification)",
            PgClaimNotified, MartenClaim);
        Faster(table, m, "One claim as of (end, R) vs Marten AggregateStreamAsync(timestamp:): in-memory evaluation only",
            PgClaimIndex, MartenClaim);

        Board(table, m, "Whole board as of random (T, R) vs full replay: public GetBoardAsync (SQLite)", BoardPublic);
        Board(table, m, "Whole board as of random (T, R) vs full replay: in-memory evaluation only", BoardIndex);
        Board(table, m, "Whole board as of random (T, R) vs full replay: public ReadBoardAsync (claim by claim, none kept)",
            BoardStreamed);

        var rebuild = m.Median(SqliteRebuild);
        table.Add("Full rebuild from SQLite (Ledger.OpenAsync: read, decode, fold)", Format.Rate(rebuild) + m.Spread(SqliteRebuild, Format.Rate),
            $"{Format.Rate(m.Median(SqliteIndexRead))} (the store's index read alone, the read an open makes)",
            Format.Percent(rebuild / m.Median(SqliteIndexRead)) + " of read",
            ">= 1,000,000 ev/s", Format.Verdict(rebuild, rebuild >= 1_000_000));
        var pgRebuild = m.Median(PgRebuild);
        table.Add("Full rebuild from PostgreSQL (Ledger.OpenAsync)", Format.Rate(pgRebuild) + m.Spread(PgRebuild, Format.Rate),
            $"{Format.Rate(m.Median(PgRead))} (PostgreSQL read alone)", Format.Percent(pgRebuild / m.Median(PgRead)) + " of read",
            "report", double.IsNaN(pgRebuild) ? "—" : "reported");

        var perStatement = m.Median(HeapBytes) / statements;
        table.Add("Managed heap held by the open ledger, per statement", Format.Bytes(perStatement),
            $"{Format.Bytes(m.Median(HeapBytes) / m.Median(EventCount))} per event; {Format.Mebibytes(m.Median(HeapBytes))} in all",
            "—", "<= 150 B", Format.Verdict(perStatement, perStatement <= 150));

        var opening = $"Open a {size}-statement SQLite ledger + first as-of query";
        WithinTwoSeconds(table, m, $"{opening} (fresh process)", OpenInProcess,
            $"{Format.Seconds(m.Median(OpenWall))} process wall time incl. .NET start");
        WithinTwoSeconds(table, m, $"{opening} (fresh process, the claims tool's runtime settings)", OpenToolRuntime,
            "server GC, TieredPGO off, tier-up without its start-up delay (src/ClaimsLedger.Cli's project)");
        WithinTwoSeconds(table, m, $"{opening}, LoadInBackground (fresh process)", OpenBackgroundFirstAnswer,
            $"{Format.Seconds(m.Median(OpenBackgroundWall))} process wall time until the index is loaded");
        WithinTwoSeconds(table, m, $"{opening}, from its snapshot, every event verified (fresh process)", OpenSnapshot,
            $"{Format.Seconds(m.Median(OpenSnapshotServerGc))} with server GC; GC paused {Format.Seconds(m.Median(OpenSnapshotGc))}; " +
            $"snapshot {Format.Mebibytes(m.Median(SnapshotBytes))} saved in {Format.Seconds(m.Median(SnapshotSaveSeconds))}");
        WithinTwoSeconds(table, m, $"{opening}, from its snapshot, every event verified (fresh process, the claims tool's runtime settings)",
            OpenSnapshotToolRuntime, "as the row above");
        WithinTwoSeconds(table, m, $"{opening}, from its snapshot, head verified (fresh process)", OpenSnapshotHead,
            $"{Format.Seconds(m.Median(OpenSnapshotHeadServerGc))} with server GC");

        var belgorod = Format.Count(m.Median(BelgorodEvents));
        Under(table, m, $"Belgorod sample ({belgorod} events): one claim as of random (T, R), public GetClaimAsync (SQLite)",
            BelgorodClaimPublic, 20);
        Under(table, m, $"Belgorod sample ({belgorod} events): one claim, in-memory evaluation only", BelgorodClaimIndex, 20);
        table.Add($"Belgorod sample ({belgorod} events): whole board as of random (T, R), public GetBoardAsync",
            Format.Micros(m.Median(BelgorodBoardPublic)), "—", "—", "report", "reported");
        return table.ToString();
    }

    public static IEnumerable<string> Notes(Metrics m)
    {
        var events = m.Median(EventCount);
        yield return $"Where append time goes (SQLite, {Format.Count(events)} events): store append " +
                     $"{Format.Seconds(m.Median(SqliteAppendStore))}, the catch-ups before each batch " +
                     $"{Format.Seconds(m.Median(SqliteAppendCatchUp))}, the ledger's own work (validation, planning, " +
                     $"serialisation, folding the batch into the index) {Format.Seconds(m.Median(SqliteAppendLedger))}.";
        if (m.Has(PgAppend))
        {
            yield return $"Where append time goes (PostgreSQL): store append {Format.Seconds(m.Median(PgAppendStore))}, " +
                         $"the catch-ups before each batch {Format.Seconds(m.Median(PgAppendCatchUp))}, the ledger's own work " +
                         $"{Format.Seconds(m.Median(PgAppendLedger))}.";
        }

        var replay = m.Median(ReplaySeconds);
        var read = events / m.Median(SqliteIndexRead);
        var decode = m.Median(DecodeSeconds);
        var decodeGc = m.Median(DecodeGcSeconds);
        var fold = m.Median(IndexSeconds) - decode;
        var foldGc = m.Median(IndexGcSeconds) - decodeGc;
        yield return $"Where rebuild time goes (SQLite): Ledger.OpenAsync took {Format.Seconds(replay)}, of which the collector " +
                     $"paused {Format.Seconds(m.Median(ReplayGcSeconds))} ({Format.Count(m.Median(ReplayGen2))} full collections; " +
                     $"{Format.Bytes(m.Median(ReplayAllocated) / events)} allocated per event). Measured apart: " +
                     $"the store's index read {Format.Seconds(read)} (the public read, with hashes and metadata: " +
                     $"{Format.Seconds(events / m.Median(SqliteRead))}); on rows held in memory, decoding the JSON {Format.Seconds(decode)} " +
                     $"({Format.Rate(events / decode)}; GC {Format.Seconds(decodeGc)}; {Format.Bytes(m.Median(DecodeAllocated) / events)} " +
                     $"allocated per event); folding the decoded events into the index {Format.Seconds(fold)} (GC {Format.Seconds(foldGc)}). " +
                     $"On one core the three add up to {Format.Seconds(read + decode + fold)} " +
                     $"({Format.Rate(events / (read + decode + fold))}); an open reads and decodes on one thread while it folds on another.";
        yield return $"Cold open in a fresh process: {Format.Seconds(m.Median(OpenOnly))} to open, GC pauses " +
                     $"{Format.Seconds(m.Median(OpenGcSeconds))}; {Format.Seconds(m.Median(OpenWall))} process wall time.";
        yield return $"Query tails (p99): one claim public {Format.Micros(m.Median(ClaimPublicP99))}, " +
                     $"in memory {Format.Micros(m.Median(ClaimIndexP99))}. The catch-up alone (CatchUpAsync with " +
                     $"nothing new, SQLite): {Format.Micros(m.Median(CatchUp))} median.";
        yield return $"Machine load (1-minute load average at the start of each run): {m.Values(LoadAverage)}; " +
                     $"above {System.Environment.ProcessorCount} other work shared the cores and the figures are slower.";
        if (m.Has(MartenCompared))
        {
            yield return $"Equivalence: Marten's aggregate and our claim board gave the same positions at " +
                         $"{Format.Count(m.Median(MartenEqual))} of {Format.Count(m.Median(MartenCompared))} sampled (claim, R) points.";
        }
        else
        {
            yield return "PostgreSQL and Marten: skipped (CLAIMS_PG_CONN not set, or --no-postgres / --no-marten).";
        }
    }

    private static void Higher(ResultTable table, Metrics m, string operation, string ours, string baseline,
        string what, double target, string targetText, bool percent)
    {
        Func<double, string> shown = percent ? Format.Percent : Format.Ratio;
        var (ratio, runs) = WithinRuns(m, ours, baseline, shown);
        table.Add(operation, Format.Rate(m.Median(ours)) + m.Spread(ours, Format.Rate),
            $"{Format.Rate(m.Median(baseline))} ({what})", shown(ratio) + runs,
            targetText, Format.Verdict(ratio, ratio >= target));
    }

    private static void Under(ResultTable table, Metrics m, string operation, string micros, double target)
    {
        var median = m.Median(micros);
        table.Add(operation, Format.Micros(median) + " median" + m.Spread(micros, Format.Micros), "—", "—",
            $"<= {target} µs", Format.Verdict(median, median <= target));
    }

    // The issue's open target: the first as-of query answered within 2 s of opening.
    private static void WithinTwoSeconds(ResultTable table, Metrics m, string operation, string seconds, string baseline)
    {
        var median = m.Median(seconds);
        table.Add(operation, Format.Seconds(median) + m.Spread(seconds, Format.Seconds), baseline, "—", "<= 2 s",
            Format.Verdict(median, median <= 2));
    }

    private static void Faster(ResultTable table, Metrics m, string operation, string ours, string marten)
    {
        var (ratio, runs) = WithinRuns(m, marten, ours, Format.Ratio);
        table.Add(operation, Format.Micros(m.Median(ours)) + " median" + m.Spread(ours, Format.Micros),
            $"{Format.Micros(m.Median(marten))} median (Marten)", Format.Ratio(ratio) + " faster" + runs, ">= 10× faster",
            Format.Verdict(ratio, ratio >= 10));
    }

    /// <summary>
    /// The median of the ratios measured within each run, and " (runs a, b, c)" when there were several; the ratio of
    /// the medians when the two figures were not collected once per run each.
    /// </summary>
    private static (double Ratio, string Runs) WithinRuns(Metrics m, string numerator, string denominator,
        Func<double, string> format)
    {
        var ratios = m.RatiosPerRun(numerator, denominator);
        return ratios.Count switch
        {
            0 => (m.Median(numerator) / m.Median(denominator), string.Empty),
            1 => (ratios[0], string.Empty),
            _ => (Stats.Median([.. ratios]), $" (runs {string.Join(", ", ratios.Select(format))})"),
        };
    }

    private static void Board(ResultTable table, Metrics m, string operation, string micros)
    {
        var replay = m.Median(ReplaySeconds) * 1_000_000;
        var ratio = m.Median(micros) / replay;
        table.Add(operation, Format.Micros(m.Median(micros)) + " median" + m.Spread(micros, Format.Micros),
            $"{Format.Micros(replay)} (full replay from SQLite)", $"{Format.Percent(ratio)} (1/{1 / ratio:0.#})",
            "<= 1/20 (5 %)", Format.Verdict(ratio, ratio <= 0.05));
    }
}
