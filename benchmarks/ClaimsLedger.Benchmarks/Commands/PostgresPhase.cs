using ClaimsLedger.Benchmarks.Baselines;
using ClaimsLedger.Benchmarks.Measurement;
using ClaimsLedger.Benchmarks.Ours;
using ClaimsLedger.Events;
using ClaimsLedger.Index;
using ClaimsLedger.PostgreSql;
using ClaimsLedger.Recording;
using ClaimsLedger.Storage;
using ClaimsLedger.Views;

namespace ClaimsLedger.Benchmarks.Commands;

/// <summary>
/// The PostgreSQL part of a run: our append and rebuild, the raw COPY baseline, and Marten (append, and
/// <c>AggregateStreamAsync(timestamp:)</c> against the same claim as of the same batch). Scratch schemas are dropped
/// on dispose.
/// </summary>
internal sealed class PostgresPhase : IAsyncDisposable
{
    private static readonly DateTimeOffset EndOfTime = new(2100, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly BenchOptions _options;
    private readonly TextWriter _log;
    private readonly string _connectionString;
    private readonly string _schema = Postgres.Schema("ours");
    private PostgreSqlEventStore? _store;
    private MartenBaseline? _marten;
    private IReadOnlyList<DateTimeOffset> _martenEnds = [];
    private object? _sink;

    private PostgresPhase(BenchOptions options, TextWriter log, string connectionString)
    {
        _options = options;
        _log = log;
        _connectionString = connectionString;
    }

    /// <summary>Null (with a note) when PostgreSQL is off or CLAIMS_PG_CONN is not set.</summary>
    public static Task<PostgresPhase?> StartAsync(BenchOptions options, TextWriter log)
    {
        if (!options.Postgres)
        {
            return Task.FromResult<PostgresPhase?>(null);
        }

        if (Postgres.ConnectionString is not { } connectionString)
        {
            log.WriteLine("  CLAIMS_PG_CONN is not set: the PostgreSQL and Marten figures are skipped " +
                          "(bash .ci/with-postgres.sh <command> starts a throwaway server and sets it)");
            return Task.FromResult<PostgresPhase?>(null);
        }

        return Task.FromResult<PostgresPhase?>(new PostgresPhase(options, log, connectionString));
    }

    public async Task<AppendRun> AppendAsync(IReadOnlyList<LedgerEvent> events, IReadOnlyList<RecordedEvent> rows,
        Metrics metrics, CancellationToken cancellationToken)
    {
        Step($"PostgreSQL: recording the same events in batches of {_options.Batch:N0} (schema {_schema})");
        await Postgres.DropSchemaAsync(_connectionString, _schema);
        _store = await PostgreSqlEventStore.OpenAsync(
            new PostgreSqlStoreOptions { ConnectionString = _connectionString, Schema = _schema }, cancellationToken);
        var run = await LedgerLoader.RecordInBatchesAsync(_store, events, _options.Batch, cancellationToken);
        metrics.Add(BenchMetric.PgAppend, run.EventsPerSecond);
        metrics.Add(BenchMetric.PgAppendStore, run.StoreAppend.TotalSeconds);
        metrics.Add(BenchMetric.PgAppendCatchUp, run.CatchUp.TotalSeconds);
        metrics.Add(BenchMetric.PgAppendLedger, run.Ledger.TotalSeconds);

        Step("PostgreSQL baseline: the same rows by one binary COPY in one transaction");
        var copy = await RawPostgresCopy.CopyAsync(_connectionString, rows, cancellationToken);
        metrics.Add(BenchMetric.PgCopy, rows.Count / copy.TotalSeconds);

        if (_options.Marten)
        {
            Step("Marten baseline: the same statements appended per claim stream, same batches (quick append)");
            _marten = await MartenBaseline.CreateAsync(_connectionString, Postgres.Schema("marten"));
            var (elapsed, ends) = await _marten.AppendAsync(events, _options.Batch, cancellationToken);
            _martenEnds = ends;
            metrics.Add(BenchMetric.MartenAppend, events.Count / elapsed.TotalSeconds);
        }

        return run;
    }

    public async Task RebuildAndCompareAsync(LedgerIndex index, AppendRun sqlite, AppendRun postgres, Metrics metrics,
        CancellationToken cancellationToken)
    {
        var store = _store!;
        Step("PostgreSQL: reading every row (the store's part of a rebuild), then opening a ledger (full rebuild)");
        var (rows, read) = await Rebuild.ReadAllAsync(store, cancellationToken);
        metrics.Add(BenchMetric.PgRead, rows.Count / read.TotalSeconds);
        var count = rows.Count;
        rows = null;
        var opened = await Rebuild.OpenAsync(store, cancellationToken);
        metrics.Add(BenchMetric.PgRebuild, count / opened.Elapsed.TotalSeconds);
        if (_marten is not null)
        {
            await CompareWithMartenAsync(opened.Ledger, index, sqlite, postgres, metrics, cancellationToken);
        }
    }

    private async Task CompareWithMartenAsync(Ledger ledger, LedgerIndex index, AppendRun sqlite, AppendRun postgres,
        Metrics metrics, CancellationToken cancellationToken)
    {
        var marten = _marten!;
        var claims = index.Claims.Keys.OrderBy(c => c.Value, StringComparer.Ordinal).ToList();
        var random = new Random(13);
        var points = Enumerable.Range(0, _options.MartenQueries)
            .Select(_ => (Claim: claims[random.Next(claims.Count)], Batch: random.Next(postgres.BatchEnds.Count)))
            .ToArray();
        AsOf Ours(AppendRun run, int i) => new(EndOfTime, run.BatchEnds[points[i].Batch], SaidInclusion.CertainlySaid);
        string Stream(int i) => LedgerStreams.Claim(points[i].Claim).Value;

        Step($"one claim as of (end of time, R after a random batch): {points.Length} Marten AggregateStreamAsync(timestamp:) calls");
        var viaMarten = await CallTimer.TimeAsync(Math.Min(20, points.Length), points.Length,
            i => marten.AggregateAsync(Stream(i), _martenEnds[points[i].Batch], cancellationToken));
        metrics.Add(BenchMetric.MartenClaim, Stats.Median(viaMarten));

        Step("the same points on our PostgreSQL ledger: public GetClaimAsync, then the in-memory evaluation");
        var viaApi = await CallTimer.TimeAsync(Math.Min(20, points.Length), points.Length,
            i => ledger.GetClaimAsync(points[i].Claim, Ours(postgres, i), cancellationToken));
        metrics.Add(BenchMetric.PgClaimPublic, Stats.Median(viaApi));

        Step("the same points through a second store on the schema with ChangeDetection = Notification (opened first)");
        var notifiedOptions = new PostgreSqlStoreOptions
        {
            ConnectionString = _connectionString,
            Schema = _schema,
            ChangeDetection = PostgreSqlChangeDetection.Notification,
        };
        await using (var notified = await PostgreSqlEventStore.OpenAsync(notifiedOptions, cancellationToken))
        {
            var notifiedLedger = await Ledger.OpenAsync(notified, cancellationToken: cancellationToken);
            var viaNotified = await CallTimer.TimeAsync(Math.Min(20, points.Length), points.Length,
                i => notifiedLedger.GetClaimAsync(points[i].Claim, Ours(postgres, i), cancellationToken));
            metrics.Add(BenchMetric.PgClaimNotified, Stats.Median(viaNotified));
        }

        var inMemory = CallTimer.Time(100, points.Length,
            i => _sink = LedgerQueries.Claim(index, points[i].Claim, Ours(sqlite, i)));
        metrics.Add(BenchMetric.PgClaimIndex, Stats.Median(inMemory));
        GC.KeepAlive(_sink);

        Step("checking that Marten's aggregate and our claim board give the same positions at those points");
        var equal = 0;
        for (var i = 0; i < points.Length; i++)
        {
            var state = await marten.AggregateAsync(Stream(i), _martenEnds[points[i].Batch], cancellationToken);
            var expected = state?.Positions() ?? [];
            var public_ = Positions(await ledger.GetClaimAsync(points[i].Claim, Ours(postgres, i), cancellationToken));
            var memory = Positions(LedgerQueries.Claim(index, points[i].Claim, Ours(sqlite, i)));
            if (expected.SequenceEqual(public_) && expected.SequenceEqual(memory))
            {
                equal++;
            }
            else if (equal == i)
            {
                _log.WriteLine($"    first difference: {points[i].Claim} after batch {points[i].Batch}: Marten " +
                               $"[{string.Join(", ", expected)}] vs ours [{string.Join(", ", public_)}]");
            }
        }

        metrics.Add(BenchMetric.MartenCompared, points.Length);
        metrics.Add(BenchMetric.MartenEqual, equal);
    }

    private static List<(string Actor, string Statement, string Stance, string Certainty)> Positions(
        ClaimStatus? status) =>
        status is null
            ? []
            : [.. status.Positions.OrderBy(p => p.Actor.Id.Value, StringComparer.Ordinal)
                .Select(p => (p.Actor.Id.Value, p.Statement.Value, p.Stance.ToString(), p.Certainty.ToString()))];

    private void Step(string what) => _log.WriteLine($"  [{DateTime.Now:HH:mm:ss}] {what}");

    public async ValueTask DisposeAsync()
    {
        if (_marten is not null)
        {
            await _marten.DisposeAsync();
        }

        if (_store is not null)
        {
            await _store.DisposeAsync();
        }

        await Postgres.DropSchemaAsync(_connectionString, _schema);
    }
}
