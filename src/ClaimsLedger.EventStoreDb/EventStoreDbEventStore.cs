using ClaimsLedger.EventStoreDb.Chain;
using ClaimsLedger.EventStoreDb.Connection;
using ClaimsLedger.EventStoreDb.Diagnostics;
using ClaimsLedger.EventStoreDb.Reading;
using ClaimsLedger.EventStoreDb.Writing;
using ClaimsLedger.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ClaimsLedger.EventStoreDb;

/// <summary>
/// A ledger on an EventStoreDB / KurrentDB node, spoken to over its gRPC streams protocol: each ledger stream
/// (<c>claim:</c>, <c>actor:</c>, <c>source:</c>) is one server stream, expected versions are expected revisions,
/// global positions are $all (commit, prepare) positions, and reads of all and subscriptions are filtered on the server
/// to the ledger's streams.
/// </summary>
/// <remarks>
/// <para>Not atomic across streams (<see cref="AtomicAcrossStreams"/> is false): a multi-stream append checks every
/// stream's expected version and event ids first, then writes stream by stream. A concurrent writer can still make a
/// later stream fail after earlier ones were written (as can a deleted stream, an append too large or a lost node);
/// the error, of the same type as for a single stream, then names them, and the ledger's retry completes the rest.</para>
/// <para>recordedAt is reported as the running maximum, along $all, of the stamps written (each stamp is the store
/// clock, raised to the newest ledger event's recordedAt): it never decreases along $all, for every read and
/// subscription, even when writers' clocks disagree — as long as the ledger's streams are written only through this
/// store. An event written there without the ledger's envelope (by another tool) counts with the server's creation
/// time: a forward read from the log's start reports the running maximum at it, the other reads its own creation time,
/// so it and the events after it can read back differently by read (README, EventStoreDB).</para>
/// <para>Hash chain (docs/integrity.md): the server fixes the $all order only at commit and has no transaction across
/// streams, so the chain is sealed after the events are written, and kept in the companion stream
/// <c>{prefix}ledger-chain</c>, outside the ledger's read filter. Each of its events (a link) lists a contiguous run of
/// at most 500 ledger events with their positions, ids, reported recordedAt and hashes. Every append seals before it
/// returns: it hashes the ledger events after the chain's last link (recordedAt continuing the running maximum, so
/// the hash covers exactly what reads report) and appends them as a link at the chain stream's expected revision; if
/// another writer's link got there first, it reads that link and goes on. So concurrent writers, in this process or
/// others, keep one chain, and once an append returns, every later read gives its events their
/// <see cref="RecordedEvent.Sequence"/>, <see cref="RecordedEvent.Hash"/> and
/// <see cref="RecordedEvent.PreviousHash"/>.</para>
/// <para>Cost of the chain: one more read of all and one more append per append (and a read of the last link when
/// another writer moved the chain); reads keep the chain in memory (about 48 bytes an event), loaded on first need and
/// refreshed with one read of the chain stream when a read meets an event after it. The first append after upgrading
/// a ledger written without the chain seals all of it.</para>
/// <para>What the chain does not cover: a writer that stops between its append and its seal leaves those events
/// unchained — they read back without a hash (verification reports <c>unhashed</c>) until the next append, by any
/// writer, seals them; an append that cannot seal throws, saying that its events were written. A subscription may
/// deliver a live event before its writer sealed it, without a hash. Events of a deleted or tombstoned stream stay in
/// the chain; once the node no longer returns them in $all (after a scavenge), later events keep their sequences and
/// verification reports <c>missing</c> at the first one gone.</para>
/// <para>Event ids: an exact repeat in the same stream is recognised (<see cref="AppendResult.AlreadyPresent"/>), an id
/// reused in the same stream with other content is refused; an id reused in another stream is not detected.</para>
/// <para>Thread-safe. Dispose to close the channel and end subscriptions.</para>
/// </remarks>
public sealed class EventStoreDbEventStore : IEventStore
{
    private readonly GrpcConnection _connection;
    private readonly LedgerStreamNames _names;
    private readonly LogReader _reader;
    private readonly RecordedAtResolver _resolver;
    private readonly Appender _appender;
    private readonly AllSubscription _subscription;
    private readonly ChainedReads _chained;
    private readonly StreamIdCache _cache;
    private readonly CancellationTokenSource _disposed = new();

    private EventStoreDbEventStore(GrpcConnection connection, EventStoreDbStoreOptions options)
    {
        _connection = connection;
        _names = new LedgerStreamNames(options.StreamPrefix);
        var logger = options.LoggerFactory?.CreateLogger<EventStoreDbEventStore>() ?? NullLogger<EventStoreDbEventStore>.Instance;
        var description = $"EventStoreDB at {connection.Settings.Where}" +
                          (options.StreamPrefix.Length > 0 ? $" (streams under '{options.StreamPrefix}')" : string.Empty);
        var diagnostics = new StoreDiagnostics(logger, description, options.Clock, options.SlowQueryThreshold);
        _reader = new LogReader(connection, _names, diagnostics);
        _resolver = new RecordedAtResolver(_reader);
        var chain = new ChainStream(connection, _names, _reader);
        var index = new ChainIndex(chain);
        _chained = new ChainedReads(index);
        _cache = new StreamIdCache(_reader);
        _appender = new Appender(connection, _names, _reader, _resolver, _cache, options.Clock,
            new ChainSealer(chain, _reader, index, diagnostics), diagnostics);
        _subscription = new AllSubscription(connection, _names, _resolver);
    }

    /// <inheritdoc/>
    public bool AtomicAcrossStreams => false;

    /// <summary>The node calls go to, as host:port: the one named in the connection string, or the leader a
    /// not-leader reply named.</summary>
    public string Endpoint => _connection.Settings.Where;

    /// <summary>The prefix of the ledger's stream names on the server.</summary>
    public string StreamPrefix => _names.Prefix;

    /// <summary>Connects to the node and checks that it answers and lets the user read all.</summary>
    /// <exception cref="ArgumentException">Invalid options or connection string (the message names the key).</exception>
    /// <exception cref="StoreUnavailableException">The node cannot be reached, or refuses the credentials or access.</exception>
    /// <exception cref="NotLeaderException">The node is a follower, the leader is required and the leader it names
    /// cannot be reached as leader (the store follows the redirect first).</exception>
    public static async Task<EventStoreDbEventStore> OpenAsync(EventStoreDbStoreOptions options,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var settings = ConnectionString.Parse(options.ConnectionString);
        var store = new EventStoreDbEventStore(GrpcConnection.Open(settings), options);
        try
        {
            await store._reader.ProbeAsync(cancellationToken).ConfigureAwait(false);
            return store;
        }
        catch
        {
            await store.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Connects with a connection string, the system clock and no stream prefix.</summary>
    /// <exception cref="ArgumentException">Invalid connection string (the message names the key).</exception>
    /// <exception cref="StoreUnavailableException">The node cannot be reached, or refuses the credentials or access.</exception>
    public static Task<EventStoreDbEventStore> OpenAsync(string connectionString, CancellationToken cancellationToken = default) =>
        OpenAsync(new EventStoreDbStoreOptions { ConnectionString = connectionString }, cancellationToken);

    /// <inheritdoc/>
    /// <exception cref="ArgumentException">A stream is not a ledger stream (<c>claim:</c>, <c>actor:</c>, <c>source:</c>).</exception>
    /// <exception cref="StreamDeletedException">A stream was tombstoned on the server, or soft-deleted after this store
    /// saw events in it (the store does not re-create it).</exception>
    /// <exception cref="StoreReadOnlyException">The store was opened with a <c>nodePreference</c> other than leader.</exception>
    /// <exception cref="AppendTooLargeException">The server's maximum append size was exceeded.</exception>
    /// <exception cref="LedgerStoreException">The events were written but could not be sealed into the hash chain
    /// (<see cref="StoreUnavailableException"/> when the node became unreachable); the message says so. Retrying the
    /// append with the same events seals them.</exception>
    public Task<IReadOnlyList<AppendResult>> AppendAsync(IReadOnlyList<StreamAppend> appends,
        CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed.IsCancellationRequested, this);
        return _appender.AppendAsync(appends, cancellationToken);
    }

    /// <inheritdoc/>
    /// <exception cref="StreamDeletedException">The stream was tombstoned, or soft-deleted after this store saw events
    /// in it (a store that never saw it reads it as empty, as the server reports it).</exception>
    public IAsyncEnumerable<RecordedEvent> ReadStreamAsync(StreamName stream, ReadDirection direction, long fromVersion,
        long maxCount, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed.IsCancellationRequested, this);
        ArgumentOutOfRangeException.ThrowIfNegative(fromVersion);
        return _chained.ReadAsync(_resolver.StreamAsync(_reader.StreamAsync(stream, direction, fromVersion, maxCount,
            cancellationToken, knownToExist: _cache.Knows(stream)), cancellationToken), cancellationToken);
    }

    /// <inheritdoc/>
    public IAsyncEnumerable<RecordedEvent> ReadAllAsync(ReadDirection direction, GlobalPosition from, long maxCount,
        CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed.IsCancellationRequested, this);
        if (maxCount <= 0)
        {
            return AsyncEnumerable.Empty<RecordedEvent>();
        }

        if (direction == ReadDirection.Forwards)
        {
            return from == GlobalPosition.End
                ? AsyncEnumerable.Empty<RecordedEvent>()
                : _chained.ReadAsync(_resolver.ForwardsAsync(_reader.AllForwardsAsync(from == GlobalPosition.Start ? null : from,
                    maxCount, cancellationToken), from == GlobalPosition.Start, cancellationToken), cancellationToken);
        }

        var page = (int)Math.Clamp(maxCount, 8, LogReader.PageSize);
        var newestFirst = _reader.AllBackwardsAsync(from == GlobalPosition.End ? null : from, page, cancellationToken);
        return _chained.ReadAsync(_resolver.BackwardsAsync(newestFirst, cancellationToken)
            .Take((int)Math.Min(maxCount, int.MaxValue)), cancellationToken);
    }

    /// <inheritdoc/>
    public IAsyncEnumerable<RecordedEvent> SubscribeToAllAsync(GlobalPosition? after,
        CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed.IsCancellationRequested, this);
        return _chained.SubscribeAsync(_subscription.RunAsync(after, _disposed.Token, cancellationToken), _disposed.Token,
            cancellationToken);
    }

    /// <summary>Ends subscriptions and closes the channel.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_disposed.IsCancellationRequested)
        {
            return;
        }

        await _disposed.CancelAsync().ConfigureAwait(false);
        _connection.Dispose();
    }
}
