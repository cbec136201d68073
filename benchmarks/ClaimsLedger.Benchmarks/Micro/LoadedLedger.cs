using System.Globalization;
using ClaimsLedger.Benchmarks.Data;
using ClaimsLedger.Benchmarks.Ours;
using ClaimsLedger.Index;
using ClaimsLedger.Sqlite;

namespace ClaimsLedger.Benchmarks.Micro;

/// <summary>
/// A synthetic SQLite ledger opened for the micro benchmarks: the public <see cref="Ledger"/> and, beside it, an index
/// folded from the same rows for the in-memory evaluation. The file is built once under the work folder and reused.
/// </summary>
internal sealed class LoadedLedger : IAsyncDisposable
{
    private readonly SqliteEventStore _store;

    private LoadedLedger(SqliteEventStore store, Ledger ledger, LedgerIndex index, (ClaimId, AsOf)[] points)
    {
        _store = store;
        Ledger = ledger;
        Index = index;
        Points = points;
    }

    public Ledger Ledger { get; }

    public LedgerIndex Index { get; }

    /// <summary>1,024 random (claim, T, R) points, drawn once.</summary>
    public (ClaimId Claim, AsOf AsOf)[] Points { get; }

    /// <summary>Ledger sizes from CLAIMS_MICRO_STATEMENTS (comma-separated), default 100,000.</summary>
    public static IEnumerable<int> Sizes =>
        (Environment.GetEnvironmentVariable("CLAIMS_MICRO_STATEMENTS") is { Length: > 0 } sizes ? sizes : "100000")
        .Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture));

    public static async Task<LoadedLedger> LoadAsync(int statements)
    {
        var spec = SyntheticSpec.ForSize(statements);
        var path = BenchPaths.File($"ledger-{spec.Key}.db");
        if (!File.Exists(path))
        {
            var building = BenchPaths.File($"building-{Environment.ProcessId}.db");
            BenchPaths.DeleteDatabase(building);
            var events = await LedgerFiles.SyntheticAsync(spec, CancellationToken.None);
            await using (var target = await SqliteEventStore.OpenAsync(building))
            {
                await LedgerLoader.RecordInBatchesAsync(target, events, 10_000, CancellationToken.None);
            }

            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            File.Move(building, path);
            BenchPaths.DeleteDatabase(building);
        }

        var store = await SqliteEventStore.OpenAsync(path);
        var ledger = await Ledger.OpenAsync(store);
        var (rows, _) = await Rebuild.ReadAllAsync(store, CancellationToken.None);
        var (index, _, _) = Rebuild.Index(rows);
        var claims = index.Claims.Keys.OrderBy(c => c.Value, StringComparer.Ordinal).ToList();
        var points = AsOfPoints.Draw(1_024, 11, claims, AsOfPoints.SyntheticSaidRange,
            (rows[0].RecordedAt, rows[^1].RecordedAt));
        return new LoadedLedger(store, ledger, index, points);
    }

    public ValueTask DisposeAsync() => _store.DisposeAsync();
}
