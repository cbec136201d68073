using System.Diagnostics;
using ClaimsLedger.Events;
using JasperFx;
using JasperFx.Events;
using Marten;
using Npgsql;

namespace ClaimsLedger.Benchmarks.Baselines;

/// <summary>
/// Marten on the same server, in its own schema: the same statements appended per claim stream in the same batches
/// (quick append mode, one lightweight session and one SaveChangesAsync per batch), and the claim's state rebuilt by
/// <c>AggregateStreamAsync(key, timestamp: R)</c>.
/// </summary>
internal sealed class MartenBaseline : IAsyncDisposable
{
    private readonly DocumentStore _store;
    private readonly NpgsqlDataSource _clock;
    private readonly string _connectionString;
    private readonly string _schema;

    private MartenBaseline(DocumentStore store, string connectionString, string schema)
    {
        _store = store;
        _connectionString = connectionString;
        _schema = schema;
        _clock = NpgsqlDataSource.Create(connectionString);
    }

    public static async Task<MartenBaseline> CreateAsync(string connectionString, string schema)
    {
        var store = DocumentStore.For(options =>
        {
            options.Connection(connectionString);
            options.DatabaseSchemaName = schema;
            options.AutoCreateSchemaObjects = AutoCreate.All;
            options.DisableNpgsqlLogging = true;
            options.Events.StreamIdentity = StreamIdentity.AsString;
            options.Events.AppendMode = EventAppendMode.Quick;
            options.Events.AddEventType<MartenClaimRegistered>();
            options.Events.AddEventType<MartenActorRegistered>();
            options.Events.AddEventType<MartenSourceRegistered>();
            options.Events.AddEventType<MartenStatement>();
            options.Events.AddEventType<MartenAmended>();
            options.Events.AddEventType<MartenStruck>();
        });
        await store.Storage.ApplyAllConfiguredChangesToDatabaseAsync();
        return new MartenBaseline(store, connectionString, schema);
    }

    /// <summary>Appends in batches; returns the time spent appending and the server clock after each batch.</summary>
    public async Task<(TimeSpan Elapsed, IReadOnlyList<DateTimeOffset> BatchEnds)> AppendAsync(
        IReadOnlyList<LedgerEvent> events, int batchSize, CancellationToken cancellationToken)
    {
        var mapper = new MartenEventMapper();
        var mapped = events.Select(mapper.Map).ToList();
        var ends = new List<DateTimeOffset>();
        var clock = new Stopwatch();
        foreach (var batch in mapped.Chunk(batchSize))
        {
            clock.Start();
            await using (var session = _store.LightweightSession())
            {
                foreach (var stream in batch.GroupBy(e => e.Stream, StringComparer.Ordinal))
                {
                    session.Events.Append(stream.Key, [.. stream.Select(e => e.Event)]);
                }

                await session.SaveChangesAsync(cancellationToken);
            }

            clock.Stop();
            ends.Add(await Postgres.ClockAsync(_clock, cancellationToken));
        }

        return (clock.Elapsed, ends);
    }

    /// <summary>The claim's state from the events Marten recorded by <paramref name="timestamp"/>.</summary>
    public async Task<MartenClaimState?> AggregateAsync(string stream, DateTimeOffset timestamp,
        CancellationToken cancellationToken)
    {
        await using var session = _store.QuerySession();
        return await session.Events.AggregateStreamAsync<MartenClaimState>(stream, timestamp: timestamp,
            token: cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        _store.Dispose();
        await _clock.DisposeAsync();
        NpgsqlConnection.ClearAllPools();
        await Postgres.DropSchemaAsync(_connectionString, _schema);
    }
}
