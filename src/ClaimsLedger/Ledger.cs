using System.Runtime.ExceptionServices;
using System.Text;
using ClaimsLedger.Events;
using ClaimsLedger.Index;
using ClaimsLedger.Recording;
using ClaimsLedger.Serialization;
using ClaimsLedger.Storage;
using ClaimsLedger.Telemetry;
using ClaimsLedger.Validation;
using ClaimsLedger.Views;

namespace ClaimsLedger;

/// <summary>
/// The ledger: records who says what about which claim as immutable events in an <see cref="IEventStore"/>, and
/// answers "who says what" as of any (said T, recorded R).
/// </summary>
/// <remarks>
/// <para>Open one with <see cref="OpenAsync"/>. The ledger folds the store's events into an in-memory index and
/// catches up with the store before every operation, so several ledgers (or processes) can share one store.</para>
/// <para>Thread-safe: recording is serialised within one ledger; views may be built concurrently.</para>
/// </remarks>
public sealed partial class Ledger
{
    private readonly IEventStore _store;
    private readonly LedgerOptions _options;
    private LedgerIndex _index = new();
    private readonly Lock _indexGate = new();
    private readonly SemaphoreSlim _catchUpGate = new(1, 1);
    private readonly SemaphoreSlim _writeGate = new(1, 1);
    private readonly LedgerDiagnostics _diagnostics;

    // The store's append stamp (IAppendStamp) when the index last caught up; NoStamp before that or when unknown.
    private const long NoStamp = long.MinValue;
    private long _caughtUpAtStamp = NoStamp;

    // True once a catch-up has read to the store's end: the index then holds every claim (see LoadInBackground).
    private bool _complete;

    private Ledger(IEventStore store, LedgerOptions options)
    {
        _store = store;
        _options = options;
        _diagnostics = new LedgerDiagnostics(options);
    }

    /// <summary>The ledger clock.</summary>
    public TimeProvider Clock => _options.Clock;

    /// <summary>The store the ledger records to.</summary>
    public IEventStore Store => _store;

    /// <summary>How many events the ledger has read from its store so far (it catches up before every operation).</summary>
    public long EventCount
    {
        get
        {
            lock (_indexGate)
            {
                return _index.EventCount;
            }
        }
    }

    /// <summary>Opens a ledger on a store, reading what it already holds.</summary>
    /// <exception cref="ArgumentException">Invalid options.</exception>
    /// <exception cref="LedgerFormatException">The store holds events this ledger cannot read.</exception>
    /// <exception cref="LedgerStoreException">The store failed.</exception>
    public static async Task<Ledger> OpenAsync(IEventStore store, LedgerOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        options ??= new LedgerOptions();
        options.Validate();
        var ledger = new Ledger(store, options);
        if (options.LoadInBackground)
        {
            // Not the caller's token: the load outlives OpenAsync. A failed load is reported by Loaded, and the next
            // operation's catch-up tries again from where it stopped.
            ledger.Loaded = Task.Run(() => ledger.CatchUpAsync(CancellationToken.None), CancellationToken.None);
            _ = ledger.Loaded.ContinueWith(static t => t.Exception, CancellationToken.None,
                TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }
        else
        {
            await ledger.CatchUpAsync(cancellationToken).ConfigureAwait(false);
        }

        return ledger;
    }

    /// <summary>
    /// Completes when the ledger has read everything its store held at open into its index: at once unless
    /// <see cref="LedgerOptions.LoadInBackground"/>; faulted if that load failed (the next operation tries again).
    /// </summary>
    public Task Loaded { get; private set; } = Task.CompletedTask;

    /// <summary>Now on both axes, by the ledger clock.</summary>
    public AsOf Now() => AsOf.Now(_options.Clock);

    /// <summary>Records one event. See <see cref="RecordAsync(IReadOnlyList{LedgerEvent}, CancellationToken)"/>.</summary>
    public Task<RecordResult> RecordAsync(LedgerEvent @event, CancellationToken cancellationToken = default) =>
        RecordAsync([@event], cancellationToken);

    /// <summary>
    /// Validates a batch against the ledger and its own earlier events, then appends it atomically (on stores that
    /// are <see cref="IEventStore.AtomicAcrossStreams"/>). Events the ledger already holds identically are skipped.
    /// </summary>
    /// <exception cref="LedgerValidationException">Bad input; lists every error; nothing was recorded.</exception>
    /// <exception cref="WrongExpectedVersionException">Other writers kept changing the same streams; nothing was
    /// recorded.</exception>
    /// <exception cref="LedgerStoreException">The store failed; nothing was recorded.</exception>
    public async Task<RecordResult> RecordAsync(IReadOnlyList<LedgerEvent> events,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(events);
        using var activity = _diagnostics.StartRecord(events.Count);
        var started = _diagnostics.Timestamp();
        RecordResult result;
        IReadOnlyList<LedgerEntry> appended;
        await _writeGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            (result, appended) = await RecordExclusiveAsync(events, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            EndCapture(null);
            _diagnostics.RecordFailed(activity, events.Count, e, started);
            throw;
        }
        finally
        {
            _writeGate.Release();
        }

        _diagnostics.Recorded(activity, result, started);
        // The events are durable: every observer hears of them, whatever happened to the caller's token since.
        await NotifyAsync(appended, CancellationToken.None).ConfigureAwait(false);
        return result;
    }

    private async Task<(RecordResult Result, IReadOnlyList<LedgerEntry> Appended)> RecordExclusiveAsync(
        IReadOnlyList<LedgerEvent> events, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            // A retry follows another writer's commit, which a store's change stamp may not show yet (PostgreSQL with
            // notifications): read the store regardless.
            await CatchUpAsync(force: attempt > 0, cancellationToken).ConfigureAwait(false);
            var (batch, appends, stored) = Plan(events);
            if (batch.Errors.Count > 0 && attempt == 0 && _store is IAppendStamp { StampMayTrail: true })
            {
                // Before refusing a batch, make sure the index is not merely behind (e.g. a claim registered by
                // another process a moment ago, not yet notified). Stores whose stamp moves at commit need not.
                await CatchUpAsync(force: true, cancellationToken).ConfigureAwait(false);
                (batch, appends, stored) = Plan(events);
            }

            if (batch.Errors.Count > 0)
            {
                throw new LedgerValidationException(batch.Errors);
            }

            if (appends.Count == 0)
            {
                return (new RecordResult(0, batch.Unchanged, null, null), []);
            }

            // Only a sequenced store's append is folded from its results; a retry folds inline. A failed append stops
            // the decoding it started, so that no work outlives the call.
            using var stopDecoding = new CancellationTokenSource();
            var decoding = attempt == 0 && _store is ISequencedEventStore
                ? AsStored(appends, stored, stopDecoding.Token)
                : null;
            IReadOnlyList<AppendResult> results;
            try
            {
                results = await AppendAsync(appends, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e)
            {
                await StopAsync(stopDecoding, decoding).ConfigureAwait(false);
                if (e is not WrongExpectedVersionException || attempt >= _options.ConcurrencyRetries)
                {
                    throw;
                }

                _diagnostics.Retrying(attempt, _options.ConcurrencyRetries);
                await BackOffAsync(attempt, cancellationToken).ConfigureAwait(false);
                continue;
            }

            try
            {
                // Committed: cancelling now would report a durable append as failed, so folding it is not cancellable.
                if (!await FoldOwnAppendAsync(appends, results, decoding, CancellationToken.None).ConfigureAwait(false))
                {
                    // The append is in the store but not folded: read it back whatever the change stamp says.
                    await CatchUpAsync(force: true, CancellationToken.None).ConfigureAwait(false);
                }
            }
            finally
            {
                // Free when the decoding was used; else it is stopped rather than left running past the call.
                await StopAsync(stopDecoding, decoding).ConfigureAwait(false);
            }

            var last = results.Max(r => r.LastPosition);
            return (new RecordResult(batch.Events.Count, batch.Unchanged, last, results[0].RecordedAt),
                EndCapture(results));
        }
    }

    private async Task<IReadOnlyList<AppendResult>> AppendAsync(IReadOnlyList<StreamAppend> appends,
        CancellationToken cancellationToken)
    {
        using var activity = _diagnostics.StartAppend(appends);
        StartCapture(appends);
        try
        {
            return await _store.AppendAsync(appends, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            LedgerDiagnostics.Failed(activity, e);
            throw;
        }
    }

    // Another writer got in first; wait a little (growing, jittered) so that competing writers spread out.
    // A wait, not a clock reading, so it uses real time even when the ledger clock is a test fake.
    private static Task BackOffAsync(int attempt, CancellationToken cancellationToken)
    {
        var ceiling = Math.Min(200, 5 << Math.Min(attempt, 6));
        return Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(1, ceiling)), cancellationToken);
    }

    /// <summary>
    /// Checks a batch as <see cref="RecordAsync(IReadOnlyList{LedgerEvent}, CancellationToken)"/> would, without
    /// recording anything: a dry run.
    /// </summary>
    /// <returns>Every error found (empty when the batch would be recorded).</returns>
    public async Task<IReadOnlyList<LedgerError>> ValidateAsync(IReadOnlyList<LedgerEvent> events,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(events);
        await CatchUpAsync(cancellationToken).ConfigureAwait(false);
        lock (_indexGate)
        {
            return BatchValidator.Validate(_index, events, _options.Clock.GetUtcNow()).Errors;
        }
    }

    /// <summary>Reads events the store holds beyond what this ledger has seen (other writers' appends).</summary>
    /// <remarks>Skipped when the store's change stamp says nothing was committed since the last catch-up; with
    /// PostgreSQL's <c>ChangeDetection = Notification</c> that stamp trails other processes' commits by their
    /// notifications.</remarks>
    /// <exception cref="LedgerFormatException">The store holds an event this ledger cannot read.</exception>
    public Task CatchUpAsync(CancellationToken cancellationToken = default) =>
        CatchUpAsync(force: false, cancellationToken);

    private async Task CatchUpAsync(bool force, CancellationToken cancellationToken)
    {
        // Nothing committed since the last catch-up (by anyone): the index is current, no query needed.
        if (!force && ReadAppendStamp() is { } now && now == Volatile.Read(ref _caughtUpAtStamp))
        {
            return;
        }

        using var activity = LedgerDiagnostics.StartCatchUp();
        await _catchUpGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // Taken before reading: a commit after this point moves the stamp, so the next call reads again.
            var stamp = ReadAppendStamp();
            await LoadSnapshotOnceAsync(cancellationToken).ConfigureAwait(false);
            GlobalPosition? after;
            lock (_indexGate)
            {
                after = _index.LastPosition;

                // An index loaded from nothing (an open without a snapshot) is trimmed at the end of a long load, so
                // its claims may grow faster than they would under appends, with fewer arrays left behind.
                _index.Loading = _index.EventCount == 0;
            }

            // A long catch-up (an open) reads and decodes the next batch while the last one is folded on another
            // thread. On a million events from SQLite, measured apart (2026-12-01), the read takes ~0.6 s, decoding
            // ~0.5 s and the fold ~1.3 s, so the fold bounds the open; with the decoding on the fold's side (as before
            // 2026-11-30) the open took ~10 % longer. A store may decode the payloads as it reads them: SQLite does,
            // where it holds them, instead of copying each into an array first (795 -> 639 B allocated an event).
            var batch = new List<IndexRow>(capacity: 256);
            var folding = Task.CompletedTask;
            var read = 0L;
            try
            {
                await foreach (var row in _store.ReadAllAfterForIndexAsync(after, decode: true, cancellationToken)
                                   .ConfigureAwait(false))
                {
                    batch.Add(row);
                    read++;
                    if (batch.Count == FoldBatch)
                    {
                        var (full, decoded) = DecodeBatch(batch, out var failure);
                        await folding.ConfigureAwait(false);
                        if (failure is not null)
                        {
                            // The events before the bad one are folded, as a fold that decodes as it goes would.
                            FoldDecoded(full, decoded);
                            failure.Throw();
                        }

                        folding = Task.Run(() => FoldDecoded(full, decoded), CancellationToken.None);
                        batch = new List<IndexRow>(FoldBatch);
                    }
                }
            }
            finally
            {
                // Never leave a fold running past the gate; its failure (a bad event) is the one to report.
                await folding.ConfigureAwait(false);
            }

            var (tail, tailDecoded) = DecodeBatch(batch, out var tailFailure);
            FoldDecoded(tail, tailDecoded);
            tailFailure?.Throw();
            lock (_indexGate)
            {
                EndLoad();

                // After a load that brought in most of the index (an open), not after every catch-up: trimming costs a
                // pass over the index, paid once per doubling of it.
                if (read >= TrimAfter && read * 2 >= _index.EventCount)
                {
                    _index.TrimExcess();
                }
            }

            Volatile.Write(ref _caughtUpAtStamp, stamp ?? NoStamp);
            Volatile.Write(ref _complete, true);
            _diagnostics.CaughtUp(activity, read, read > 0 ? _index.LastPosition : after);
        }
        catch (Exception e)
        {
            // Whatever was folded before the failure stays in the index, in order: queries read it as it is.
            lock (_indexGate)
            {
                EndLoad();
            }

            LedgerDiagnostics.Failed(activity, e);
            throw;
        }
        finally
        {
            _catchUpGate.Release();
        }
    }

    /// <summary>
    /// Folds the events just appended into the index from the append's results, without reading them back, when the
    /// store numbers positions as a gap-free sequence and they follow the index's last position directly (no other
    /// writer came in between). Each event is folded in as the store holds it, so the index holds exactly what a later
    /// reader of the store would: the recorded event itself where its payload decodes to an equal event, else the
    /// payload decoded (<see cref="AsStored"/>).
    /// </summary>
    /// <param name="appends">What was appended.</param>
    /// <param name="results">The store's results, one per append.</param>
    /// <param name="decoding">The appended payloads decoded during the append, per append and event; null, or a
    /// task ending in null, to decode them here.</param>
    /// <param name="cancellationToken">Cancels the wait for the catch-up gate.</param>
    /// <returns>False when the events must be read back from the store instead.</returns>
    private async Task<bool> FoldOwnAppendAsync(IReadOnlyList<StreamAppend> appends,
        IReadOnlyList<AppendResult> results, Task<LedgerEvent[][]?>? decoding, CancellationToken cancellationToken)
    {
        if (_store is not ISequencedEventStore || results.Count != appends.Count || results.Any(r => r.AlreadyPresent))
        {
            return false;
        }

        await _catchUpGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var order = Enumerable.Range(0, appends.Count).Where(i => appends[i].Events.Count > 0)
                .OrderBy(i => results[i].FirstPosition).ToArray();
            var decoded = decoding is null ? null : await decoding.ConfigureAwait(false);
            var batch = new List<RecordedEvent>(appends.Sum(a => a.Events.Count));
            var events = decoded is null ? null : new List<LedgerEvent>(batch.Capacity);
            lock (_indexGate)
            {
                var next = (_index.LastPosition?.ToSequence() ?? 0) + 1;
                foreach (var i in order)
                {
                    var (part, result) = (appends[i], results[i]);
                    if (result.FirstPosition != GlobalPosition.FromSequence(next)
                        || result.LastPosition != GlobalPosition.FromSequence(next + part.Events.Count - 1)
                        || result.Stream != part.Stream || result.LastVersion is not { } lastVersion)
                    {
                        return false;
                    }

                    var version = lastVersion - part.Events.Count;
                    for (var n = 0; n < part.Events.Count; n++)
                    {
                        var data = part.Events[n];
                        batch.Add(new RecordedEvent(part.Stream, ++version, GlobalPosition.FromSequence(next), data.EventId,
                            data.Type, data.Data, data.Metadata, result.RecordedAt)
                        { Sequence = next });
                        next++;
                    }

                    events?.AddRange(decoded![i]);
                }
            }

            if (events is null || events.Count != batch.Count)
            {
                // FoldDecoded folds as many events as were decoded; here every appended event must be folded.
                Fold(batch);
            }
            else
            {
                FoldDecoded(batch, events);
            }

            lock (_indexGate)
            {
                _index.SettleOrder();
            }

            return true;
        }
        finally
        {
            _catchUpGate.Release();
        }
    }

    private long? ReadAppendStamp()
    {
        try
        {
            return (_store as IAppendStamp)?.ReadAppendStamp() is { } stamp && stamp != NoStamp ? stamp : null;
        }
        catch (LedgerStoreException)
        {
            // The probe is only a shortcut; the catch-up's own query reports the store's failure properly.
            return null;
        }
    }

    // Events read and decoded before they are handed to the fold: large enough to amortise the hand-off, small enough
    // to keep the reader and the fold in step and to leave little for the collector to promote: the batches in flight
    // are alive at every collection during an open (4,096 paused it ~460 ms on a million events, 1,024 ~300 ms).
    private const int FoldBatch = 1024;

    // Catch-ups shorter than this never trim the index: the collections' spare room is small beside the pass.
    private const int TrimAfter = 10_000;

    private void Fold(List<RecordedEvent> batch)
    {
        if (batch.Count == 0)
        {
            return;
        }

        lock (_indexGate)
        {
            foreach (var recorded in batch)
            {
                if (_index.Apply(recorded) is { } @event)
                {
                    Capture(recorded, @event);
                }
            }
        }
    }

    /// <summary>Ends a catch-up, whether it read everything or failed: what it folded is put in statement order (so
    /// readers on several threads never sort), and claims grow as under appends again. Called under the index lock.</summary>
    private void EndLoad()
    {
        _index.SettleOrder();
        _index.Loading = false;
    }

    /// <summary>Decodes a batch read from the store, up to its first bad event, where the store has not.</summary>
    /// <param name="batch">The events read.</param>
    /// <param name="failure">The bad event's error, or null when every event decoded.</param>
    /// <returns>The events read, and the events decoded, one per event read up to the first bad one.</returns>
    private static (List<RecordedEvent> Recorded, List<LedgerEvent> Events) DecodeBatch(List<IndexRow> batch,
        out ExceptionDispatchInfo? failure)
    {
        var recorded = new List<RecordedEvent>(batch.Count);
        var events = new List<LedgerEvent>(batch.Count);
        failure = null;
        try
        {
            foreach (var row in batch)
            {
                recorded.Add(row.Recorded);
                events.Add(row.Event ?? LedgerIndex.Decode(row.Recorded));
            }
        }
        catch (Exception e) when (e is LedgerFormatException or ArgumentException or InvalidOperationException)
        {
            // What a fold that decodes as it goes would throw (see DecodeMissing): surfaced after the events before it.
            failure = ExceptionDispatchInfo.Capture(e);
        }

        return (recorded, events);
    }

    private void FoldDecoded(List<RecordedEvent> batch, List<LedgerEvent> events)
    {
        lock (_indexGate)
        {
            for (var i = 0; i < events.Count; i++)
            {
                if (_index.Apply(batch[i], events[i]))
                {
                    Capture(batch[i], events[i]);
                }
            }
        }
    }

    /// <summary>
    /// The events of an append as the store holds them, to fold them in without reading them back: the recorded events
    /// themselves where their payloads decode to equal events (<see cref="StoredForm"/>), the others decoded, on
    /// another core while the store writes when there are many. The task ends in null when a payload does not decode:
    /// the fold then decodes and reports it with its position.
    /// </summary>
    private static Task<LedgerEvent[][]?> AsStored(IReadOnlyList<StreamAppend> appends, LedgerEvent?[][] stored,
        CancellationToken stop)
    {
        var missing = stored.Sum(part => part.Count(e => e is null));
        if (missing == 0)
        {
            return Task.FromResult<LedgerEvent[][]?>(stored!);
        }

        // A thread hop costs more than decoding a few registrations or amendments.
        return missing < DecodeAheadThreshold
            ? Task.FromResult(DecodeMissing(appends, stored, stop))
            : Task.Run(() => DecodeMissing(appends, stored, stop), CancellationToken.None);
    }

    /// <summary>Ends the decoding of a failed append and waits for it, so that it neither runs on nor faults unseen.</summary>
    private static async Task StopAsync(CancellationTokenSource stop, Task<LedgerEvent[][]?>? decoding)
    {
        await stop.CancelAsync().ConfigureAwait(false);
        if (decoding is not null)
        {
            await ((Task)decoding).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    /// <returns>Null when a payload does not decode, or when <paramref name="stop"/> ends the work first.</returns>
    private static LedgerEvent[][]? DecodeMissing(IReadOnlyList<StreamAppend> appends, LedgerEvent?[][] stored,
        CancellationToken stop)
    {
        try
        {
            for (var i = 0; i < stored.Length; i++)
            {
                for (var j = 0; j < stored[i].Length; j++)
                {
                    if (stop.IsCancellationRequested)
                    {
                        return null;
                    }

                    var data = appends[i].Events[j];
                    stored[i][j] ??= EventSerializer.Deserialize(data.Type, data.Data.Span);
                }
            }

            return stored!;
        }
        catch (Exception e) when (e is LedgerFormatException or ArgumentException or InvalidOperationException)
        {
            // The fold decodes inline instead, and reports a bad payload with its position.
            return null;
        }
    }

    private const int DecodeAheadThreshold = 256;

    /// <summary>
    /// Validates a batch against the index and, when it is valid, turns it into one append per stream, with each
    /// appended event in the form it is folded in from (null where its payload must be decoded for that).
    /// </summary>
    private (ValidatedBatch Batch, IReadOnlyList<StreamAppend> Appends, LedgerEvent?[][] Stored) Plan(
        IReadOnlyList<LedgerEvent> events)
    {
        // Only a sequenced store's append is folded in from what was appended (see RecordExclusiveAsync).
        var foldsOwnAppends = _store is ISequencedEventStore;
        // One copy of the batch that validation and the encoding helper both read: never the caller's list on
        // another thread, and the same events in both.
        LedgerEvent[] batchEvents = [.. events];
        var encoding = BatchEncoding.Start(batchEvents, Metadata(), foldedForms: foldsOwnAppends,
            expectRepeats: Volatile.Read(ref _lastBatchRepeated));
        ValidatedBatch batch;
        List<List<PlannedEvent>> groups = [];
        var expected = Array.Empty<ExpectedVersion>();
        try
        {
            lock (_indexGate)
            {
                batch = BatchValidator.Validate(_index, batchEvents, _options.Clock.GetUtcNow());
                if (batch.Errors.Count == 0)
                {
                    groups = ByStream(batch.Events);
                    expected = new ExpectedVersion[groups.Count];
                    for (var g = 0; g < groups.Count; g++)
                    {
                        expected[g] = ExpectedVersion.From(_index.StreamVersion(groups[g][0].Stream));
                    }
                }
            }
        }
        catch
        {
            // No encoding outlives the call.
            encoding.Abandon();
            throw;
        }

        Volatile.Write(ref _lastBatchRepeated, batch.Unchanged > batch.Events.Count);
        if (batch.Errors.Count > 0)
        {
            encoding.Abandon();
            return (batch, [], []);
        }

        if (batch.Unchanged > 0)
        {
            // Part of the batch is repeats: encode only what is appended, not the rest of the batch too.
            encoding.Abandon();
        }
        else
        {
            encoding.Finish();
        }

        var appends = new List<StreamAppend>(groups.Count);
        var stored = new LedgerEvent?[groups.Count][];
        for (var g = 0; g < groups.Count; g++)
        {
            var planned = groups[g];
            var data = new EventData[planned.Count];
            var forms = new LedgerEvent?[planned.Count];
            for (var i = 0; i < planned.Count; i++)
            {
                (data[i], forms[i]) = encoding.Get(planned[i].Index, planned[i].Event);
            }

            stored[g] = forms;
            appends.Add(new StreamAppend(planned[0].Stream, expected[g], data));
        }

        return (batch, appends, stored);
    }

    // Whether the last batch was mostly repeats, which the next one then likely is too (see BatchEncoding.Start).
    private bool _lastBatchRepeated;

    /// <summary>The planned events by stream, streams in the order they are appended (sources, actors, claims; within
    /// each, by first appearance), each stream's events in batch order.</summary>
    private static List<List<PlannedEvent>> ByStream(IReadOnlyList<PlannedEvent> events)
    {
        var places = new Dictionary<StreamName, int>();
        var groups = new List<List<PlannedEvent>>();
        foreach (var planned in events)
        {
            if (!places.TryGetValue(planned.Stream, out var place))
            {
                places.Add(planned.Stream, place = groups.Count);
                groups.Add([]);
            }

            groups[place].Add(planned);
        }

        // A stable sort: streams of the same rank keep their order of first appearance.
        return [.. groups.OrderBy(group => LedgerStreams.Rank(group[0].Stream))];
    }

    private static byte[] Metadata() =>
        Encoding.UTF8.GetBytes($"{{\"correlationId\":\"{Guid.NewGuid():D}\"}}");

    /// <summary>Runs <paramref name="query"/> on the index under its lock (also how tests look into the index).</summary>
    internal T Read<T>(Func<LedgerIndex, T> query)
    {
        lock (_indexGate)
        {
            return query(_index);
        }
    }
}
