using ClaimsLedger.EventStoreDb.Connection;
using ClaimsLedger.EventStoreDb.Reading;
using ClaimsLedger.EventStoreDb.Writing;
using ClaimsLedger.Storage;

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
/// later stream fail after earlier ones were written; the <see cref="WrongExpectedVersionException"/> then names
/// them, and the ledger's retry completes the rest.</para>
/// <para>recordedAt is reported as the running maximum, along $all, of the stamps written (each stamp is the store
/// clock, raised to the newest ledger event's recordedAt): it never decreases along $all, for every read and
/// subscription, even when writers' clocks disagree.</para>
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
    private readonly CancellationTokenSource _disposed = new();

    private EventStoreDbEventStore(GrpcConnection connection, EventStoreDbStoreOptions options)
    {
        _connection = connection;
        _names = new LedgerStreamNames(options.StreamPrefix);
        _reader = new LogReader(connection, _names);
        _resolver = new RecordedAtResolver(_reader);
        _appender = new Appender(connection, _names, _reader, _resolver, new StreamIdCache(_reader), options.Clock);
        _subscription = new AllSubscription(connection, _names, _resolver);
    }

    /// <inheritdoc/>
    public bool AtomicAcrossStreams => false;

    /// <summary>The node, as host:port.</summary>
    public string Endpoint => _connection.Settings.Where;

    /// <summary>The prefix of the ledger's stream names on the server.</summary>
    public string StreamPrefix => _names.Prefix;

    /// <summary>Connects to the node and checks that it answers and lets the user read all.</summary>
    /// <exception cref="ArgumentException">Invalid options or connection string (the message names the key).</exception>
    /// <exception cref="StoreUnavailableException">The node cannot be reached, or refuses the credentials or access.</exception>
    /// <exception cref="NotLeaderException">The node is a follower and the leader is required.</exception>
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
    /// <exception cref="StreamDeletedException">A stream was tombstoned on the server.</exception>
    /// <exception cref="AppendTooLargeException">The server's maximum append size was exceeded.</exception>
    public Task<IReadOnlyList<AppendResult>> AppendAsync(IReadOnlyList<StreamAppend> appends,
        CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed.IsCancellationRequested, this);
        return _appender.AppendAsync(appends, cancellationToken);
    }

    /// <inheritdoc/>
    public IAsyncEnumerable<RecordedEvent> ReadStreamAsync(StreamName stream, ReadDirection direction, long fromVersion,
        long maxCount, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed.IsCancellationRequested, this);
        ArgumentOutOfRangeException.ThrowIfNegative(fromVersion);
        return _resolver.StreamAsync(_reader.StreamAsync(stream, direction, fromVersion, maxCount, cancellationToken),
            cancellationToken);
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
                : _resolver.ForwardsAsync(_reader.AllForwardsAsync(from == GlobalPosition.Start ? null : from, maxCount,
                    cancellationToken), from == GlobalPosition.Start, cancellationToken);
        }

        var page = (int)Math.Clamp(maxCount, 8, LogReader.PageSize);
        var newestFirst = _reader.AllBackwardsAsync(from == GlobalPosition.End ? null : from, page, cancellationToken);
        return _resolver.BackwardsAsync(newestFirst, cancellationToken).Take((int)Math.Min(maxCount, int.MaxValue));
    }

    /// <inheritdoc/>
    public IAsyncEnumerable<RecordedEvent> SubscribeToAllAsync(GlobalPosition? after,
        CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed.IsCancellationRequested, this);
        return _subscription.RunAsync(after, _disposed.Token, cancellationToken);
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
