using System.Runtime.CompilerServices;

namespace ClaimsLedger.Storage.InMemory;

/// <summary>
/// A store held in process memory: for tests and quick starts. Keeps every guarantee of the contract (atomic
/// multi-stream appends, expected versions, idempotent event ids, gap-free positions, catch-up subscriptions);
/// nothing survives the process.
/// </summary>
/// <remarks>Thread-safe. Payloads are copied on append, so callers may reuse their buffers.</remarks>
public sealed class InMemoryEventStore : IEventStore, IEventStoreRestore, ISequencedEventStore, IAppendStamp
{
    private readonly Lock _gate = new();
    private readonly TimeProvider _clock;
    private readonly List<RecordedEvent> _log = [];
    private readonly Dictionary<StreamName, List<RecordedEvent>> _streams = [];
    private readonly Dictionary<Guid, RecordedEvent> _byId = [];
    private readonly CancellationTokenSource _disposed = new();
    private long _commits;
    private TaskCompletionSource _appended = NewSignal();

    /// <summary>Creates an empty store on the system clock.</summary>
    public InMemoryEventStore()
        : this(TimeProvider.System)
    {
    }

    /// <summary>Creates an empty store that stamps recordedAt from <paramref name="clock"/>.</summary>
    public InMemoryEventStore(TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        _clock = clock;
    }

    /// <inheritdoc/>
    public bool AtomicAcrossStreams => true;

    /// <summary>Number of events held.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _log.Count;
            }
        }
    }

    /// <inheritdoc/>
    public Task<IReadOnlyList<AppendResult>> AppendAsync(IReadOnlyList<StreamAppend> appends,
        CancellationToken cancellationToken = default)
    {
        AppendPlan.CheckArguments(appends);
        cancellationToken.ThrowIfCancellationRequested();
        ObjectDisposedException.ThrowIf(_disposed.IsCancellationRequested, this);

        IReadOnlyList<AppendResult> results;
        lock (_gate)
        {
            var repeats = appends
                .Select(part => AppendPlan.FindRepeat(part, Existing(part), LastVersion(part.Stream)))
                .ToArray();
            for (var i = 0; i < appends.Count; i++)
            {
                if (repeats[i] is null)
                {
                    AppendPlan.CheckVersion(appends[i], LastVersion(appends[i].Stream));
                }
            }

            var recordedAt = _log.Count == 0 ? _clock.GetUtcNow() : Max(_clock.GetUtcNow(), _log[^1].RecordedAt);
            results = [.. appends.Select((part, i) => repeats[i] ?? Write(part, recordedAt))];
            if (repeats.Any(repeat => repeat is null))
            {
                Interlocked.Exchange(ref _appended, NewSignal()).TrySetResult();
            }
        }

        return Task.FromResult(results);
    }

    /// <inheritdoc/>
    public Task<IReadOnlyList<GlobalPosition>> RestoreAsync(IReadOnlyList<RestoredEvent> events,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(events);
        cancellationToken.ThrowIfCancellationRequested();
        ObjectDisposedException.ThrowIf(_disposed.IsCancellationRequested, this);
        lock (_gate)
        {
            AppendPlan.CheckRestore(events, _log.Count == 0 ? null : _log[^1].RecordedAt);
            var ids = new HashSet<Guid>();
            foreach (var e in events)
            {
                if (_byId.ContainsKey(e.Data.EventId) || !ids.Add(e.Data.EventId))
                {
                    throw new DuplicateEventException(e.Data.EventId, e.Stream, "the store already holds it");
                }
            }

            CheckExpectedHashes(events);
            var positions = new List<GlobalPosition>(events.Count);
            foreach (var e in events)
            {
                Write(new StreamAppend(e.Stream, ExpectedVersion.Any, [e.Data]), e.RecordedAt);
                positions.Add(_log[^1].Position);
            }

            if (events.Count > 0)
            {
                Interlocked.Exchange(ref _appended, NewSignal()).TrySetResult();
            }

            return Task.FromResult<IReadOnlyList<GlobalPosition>>(positions);
        }
    }

    // Computes the chain the restore would extend, before writing anything, so that a mismatch writes nothing.
    private void CheckExpectedHashes(IReadOnlyList<RestoredEvent> events)
    {
        var previous = _log.Count == 0 ? Integrity.EventHash.Genesis : _log[^1].Hash;
        var versions = new Dictionary<StreamName, long>();
        for (var i = 0; i < events.Count; i++)
        {
            var e = events[i];
            var version = versions.TryGetValue(e.Stream, out var last) ? last + 1
                : _streams.TryGetValue(e.Stream, out var existing) ? existing.Count : 0;
            versions[e.Stream] = version;
            var hash = Integrity.EventHash.Compute(_log.Count + i + 1, e.Stream.Value, version, e.Data.Type, e.Data.EventId,
                e.RecordedAt, e.Data.Data.Span, e.Data.Metadata.Span, previous.Span);
            if (!e.ExpectedHash.IsEmpty && !e.ExpectedHash.Span.SequenceEqual(hash))
            {
                throw new RestoreMismatchException(i, e.Data.EventId, Integrity.EventHash.ToHex(e.ExpectedHash.Span),
                    Integrity.EventHash.ToHex(hash));
            }

            previous = hash;
        }
    }

    /// <inheritdoc/>
    public async IAsyncEnumerable<RecordedEvent> ReadStreamAsync(StreamName stream, ReadDirection direction,
        long fromVersion, long maxCount, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        RecordedEvent[] slice;
        lock (_gate)
        {
            slice = _streams.TryGetValue(stream, out var events) ? Slice(events, direction, fromVersion, maxCount) : [];
        }

        foreach (var e in slice)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return e;
        }

        await Task.CompletedTask.ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public async IAsyncEnumerable<RecordedEvent> ReadAllAsync(ReadDirection direction, GlobalPosition from,
        long maxCount, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        RecordedEvent[] slice;
        lock (_gate)
        {
            // Position n is the n-th event, at index n - 1.
            var index = direction == ReadDirection.Forwards
                ? (long)Math.Min(from.Commit == 0 ? 0 : from.Commit - 1, (ulong)_log.Count)
                : (long)Math.Min(from.Commit, (ulong)_log.Count) - 1;
            slice = Slice(_log, direction, index, maxCount);
        }

        foreach (var e in slice)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return e;
        }

        await Task.CompletedTask.ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public async IAsyncEnumerable<RecordedEvent> SubscribeToAllAsync(GlobalPosition? after,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _disposed.Token);
        var next = after is { } checkpoint ? (long)Math.Min(checkpoint.Commit, int.MaxValue) : 0;
        while (true)
        {
            RecordedEvent[] batch;
            Task signal;
            lock (_gate)
            {
                batch = next < _log.Count ? _log.GetRange((int)next, _log.Count - (int)next).ToArray() : [];
                signal = _appended.Task;
            }

            foreach (var e in batch)
            {
                cancellationToken.ThrowIfCancellationRequested();
                next++;
                yield return e;
            }

            if (batch.Length == 0)
            {
                try
                {
                    await signal.WaitAsync(linked.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (_disposed.IsCancellationRequested
                                                          && !cancellationToken.IsCancellationRequested)
                {
                    yield break;
                }
            }
        }
    }

    /// <inheritdoc/>
    public ValueTask DisposeAsync()
    {
        _disposed.Cancel();
        return ValueTask.CompletedTask;
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a >= b ? a : b;

    private static RecordedEvent[] Slice(List<RecordedEvent> events, ReadDirection direction, long from, long maxCount)
    {
        if (maxCount <= 0)
        {
            return [];
        }

        if (direction == ReadDirection.Forwards)
        {
            if (from >= events.Count)
            {
                return [];
            }

            var count = (int)Math.Min(maxCount, events.Count - from);
            return events.GetRange((int)from, count).ToArray();
        }

        var last = (int)Math.Min(from, events.Count - 1L);
        if (last < 0)
        {
            return [];
        }

        var take = (int)Math.Min(maxCount, last + 1L);
        var result = events.GetRange(last - take + 1, take).ToArray();
        Array.Reverse(result);
        return result;
    }

    // Shared and never written to: most parts repeat nothing, and a dictionary per stream per append adds up.
    private static readonly Dictionary<Guid, RecordedEvent> NoneExisting = [];

    private Dictionary<Guid, RecordedEvent> Existing(StreamAppend part)
    {
        Dictionary<Guid, RecordedEvent>? existing = null;
        for (var n = 0; n < part.Events.Count; n++)
        {
            var data = part.Events[n];
            if (_byId.TryGetValue(data.EventId, out var found))
            {
                (existing ??= [])[data.EventId] = found;
            }
        }

        return existing ?? NoneExisting;
    }

    long? IAppendStamp.ReadAppendStamp() => Volatile.Read(ref _commits);

    private long? LastVersion(StreamName stream) =>
        _streams.TryGetValue(stream, out var events) && events.Count > 0 ? events.Count - 1 : null;

    private AppendResult Write(StreamAppend part, DateTimeOffset recordedAt)
    {
        if (!_streams.TryGetValue(part.Stream, out var stream))
        {
            stream = [];
            _streams[part.Stream] = stream;
        }

        var first = GlobalPosition.Start;
        for (var n = 0; n < part.Events.Count; n++)
        {
            var data = part.Events[n];
            var sequence = _log.Count + 1;
            var previous = _log.Count == 0 ? Integrity.EventHash.Genesis : _log[^1].Hash;
            var hash = Integrity.EventHash.Compute(sequence, part.Stream.Value, stream.Count, data.Type, data.EventId,
                recordedAt, data.Data.Span, data.Metadata.Span, previous.Span);
            var recorded = new RecordedEvent(part.Stream, stream.Count, GlobalPosition.FromSequence(sequence),
                data.EventId, data.Type, data.Data.ToArray(), data.Metadata.ToArray(), recordedAt)
            {
                Sequence = sequence,
                Hash = hash,
                PreviousHash = previous.ToArray(),
            };
            first = first == GlobalPosition.Start ? recorded.Position : first;
            _log.Add(recorded);
            stream.Add(recorded);
            _byId[data.EventId] = recorded;
        }

        Interlocked.Increment(ref _commits);
        var last = stream.Count > 0 ? stream[^1] : null;
        return new AppendResult(part.Stream, last?.StreamVersion, first,
            part.Events.Count > 0 ? _log[^1].Position : GlobalPosition.Start, recordedAt, AlreadyPresent: false);
    }
}
