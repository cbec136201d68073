using System.Buffers;
using System.Threading.Channels;
using ClaimsLedger.Events;
using ClaimsLedger.Index;
using ClaimsLedger.Integrity;
using ClaimsLedger.Serialization;
using ClaimsLedger.Snapshots;
using ClaimsLedger.Storage;

namespace ClaimsLedger;

public sealed partial class Ledger
{
    private readonly SemaphoreSlim _snapshotGate = new(1, 1);
    private bool _snapshotTried;

    /// <summary>
    /// How the ledger's load used its snapshot (<see cref="LedgerOptions.Snapshots"/>): not at all, used, or rejected
    /// and why. Set once the load is done (see <see cref="Loaded"/>).
    /// </summary>
    public SnapshotLoad Snapshot { get; private set; } = SnapshotLoad.None;

    /// <summary>
    /// Saves a snapshot of every event the ledger holds to <see cref="LedgerOptions.Snapshots"/>, replacing the
    /// previous one. The next open loads it and reads from the store only what was recorded after it.
    /// </summary>
    /// <remarks>
    /// <para>The snapshot holds each event's stored bytes, so it decodes exactly as the log does, and names the chain
    /// hash of its last event (docs/integrity.md). On open the ledger uses it only when the store holds that same hash
    /// at that same position, and when the chain recomputed over the snapshot's own events ends in that hash: the
    /// snapshot's events are then the log's, byte for byte. A damaged file also fails its SHA-256 digest. Otherwise
    /// the ledger reads the whole store instead and says why in <see cref="Snapshot"/>: a stale, foreign, damaged or
    /// altered snapshot is never served.</para>
    /// <para>The snapshot also holds an image of the index itself (format 2, docs/snapshots.md), written from memory
    /// under the index's lock; a ledger checking only the snapshot's head (<see cref="SnapshotVerification.Head"/>)
    /// loads that instead of decoding and folding every event.</para>
    /// <para>A snapshot stays valid as the ledger grows; save again after large imports to keep the tail short.
    /// Saving reads the store from the start (the index does not keep the stored bytes).</para>
    /// </remarks>
    /// <returns>What was saved; null when the ledger is empty (nothing is written).</returns>
    /// <exception cref="InvalidOperationException">No snapshot store is set, or the store has not chained its last
    /// event yet.</exception>
    /// <exception cref="LedgerStoreException">The store failed.</exception>
    public async Task<SnapshotSaved?> SaveSnapshotAsync(CancellationToken cancellationToken = default)
    {
        var snapshots = _options.Snapshots ?? throw new InvalidOperationException(
            "LedgerOptions.Snapshots is not set: there is nowhere to save a snapshot");

        // Taken before catching up, so that a save waiting for another cannot replace a newer snapshot with an older.
        await _snapshotGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await SaveSnapshotExclusiveAsync(snapshots, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _snapshotGate.Release();
        }
    }

    private async Task<SnapshotSaved?> SaveSnapshotExclusiveAsync(ILedgerSnapshotStore snapshots,
        CancellationToken cancellationToken)
    {
        await CatchUpAsync(cancellationToken).ConfigureAwait(false);
        GlobalPosition last;
        long count;
        var image = new MemoryStream();
        lock (_indexGate)
        {
            if (_index.LastPosition is not { } position)
            {
                return null;
            }

            (last, count) = (position, _index.EventCount);
            try
            {
                var writer = new ImageWriter(image);
                _index.WriteImage(writer);
                writer.Flush();
            }
            catch (IOException)
            {
                // An index past 2 GB does not fit one array: the snapshot is saved without its image, and loads from
                // its events (slower, never wrong).
                image = new MemoryStream();
            }
        }

        var lastEvent = await FirstAtAsync(last, cancellationToken).ConfigureAwait(false);
        if (lastEvent is null || lastEvent.Hash.IsEmpty)
        {
            throw new InvalidOperationException(
                $"the store has not chained its event at position {last} yet: save the snapshot again later");
        }

        long bytes = 0;
        await snapshots.SaveAsync(async (output, token) =>
        {
            using var writer = new SnapshotWriter(output);
            await writer.WriteHeaderAsync(new SnapshotHeader(count, last, lastEvent.Sequence, lastEvent.Hash.ToArray()),
                token).ConfigureAwait(false);
            await writer.WriteImageAsync(image.GetBuffer().AsMemory(0, (int)image.Length), token).ConfigureAwait(false);
            await foreach (var recorded in _store.ReadAllForwardsAsync(GlobalPosition.Start, token).ConfigureAwait(false))
            {
                if (recorded.Position > last)
                {
                    break;
                }

                await writer.AddAsync(recorded, token).ConfigureAwait(false);
            }

            if (writer.Events != count)
            {
                throw new InvalidOperationException(
                    $"the store holds {writer.Events} events up to position {last}, the ledger's index {count}: " +
                    "the store was changed under the ledger; no snapshot was saved");
            }

            await writer.CompleteAsync(token).ConfigureAwait(false);
            bytes = writer.Bytes;
        }, cancellationToken).ConfigureAwait(false);

        var saved = new SnapshotSaved(count, last, bytes);
        _diagnostics.SnapshotSaved(saved);
        return saved;
    }

    /// <summary>Loads the snapshot into the empty index, once per ledger, under the catch-up gate.</summary>
    private async Task LoadSnapshotOnceAsync(CancellationToken cancellationToken)
    {
        if (_snapshotTried || _options.Snapshots is not { } snapshots)
        {
            return;
        }

        Snapshot = await LoadSnapshotAsync(snapshots, cancellationToken).ConfigureAwait(false);
        _snapshotTried = true;
        _diagnostics.SnapshotLoaded(Snapshot);
    }

    private async Task<SnapshotLoad> LoadSnapshotAsync(ILedgerSnapshotStore snapshots, CancellationToken cancellationToken)
    {
        Stream? input;
        try
        {
            input = await snapshots.OpenReadAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (!Cancelled(e, cancellationToken))
        {
            // Whatever the snapshot store throws (a timeout included) only costs the snapshot, never the open.
            return Rejected($"the snapshot could not be opened: {e.Message}", null);
        }

        if (input is null)
        {
            return SnapshotLoad.None;
        }

        await using var _ = input.ConfigureAwait(false);
        using var reader = new SnapshotReader(input, _options.SnapshotVerification == SnapshotVerification.Events);
        SnapshotHeader header;
        try
        {
            header = await reader.ReadHeaderAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (!Cancelled(e, cancellationToken))
        {
            return Rejected(Reason(e), null);
        }

        // A failing store stops the open here (nothing is loaded yet), and the next catch-up tries the snapshot again.
        if (await CheckAgainstLogAsync(header, cancellationToken).ConfigureAwait(false) is { } mismatch)
        {
            return Rejected(mismatch, header.Last);
        }

        if (_options.SnapshotVerification == SnapshotVerification.Head)
        {
            try
            {
                if (await LoadImageAsync(reader, header, cancellationToken).ConfigureAwait(false))
                {
                    return new SnapshotLoad(SnapshotOutcome.Used, header.Events, header.Last, null);
                }
            }
            catch (Exception e) when (!Cancelled(e, cancellationToken))
            {
                return Rejected(Reason(e), header.Last);
            }
        }

        try
        {
            lock (_indexGate)
            {
                // Checked against the log above, so a damaged count cannot make this allocate without bound.
                _index.Reserve(header.Events);
            }

            await FoldSnapshotAsync(reader, cancellationToken).ConfigureAwait(false);
            lock (_indexGate)
            {
                if (_index.LastPosition != header.Last || _index.EventCount != header.Events)
                {
                    throw new SnapshotFormatException(
                        $"snapshot events end at position {_index.LastPosition} after {_index.EventCount} events; " +
                        $"its header says position {header.Last} after {header.Events}");
                }

                _index.TrimExcess();
            }

            return new SnapshotLoad(SnapshotOutcome.Used, header.Events, header.Last, null);
        }
        catch (Exception e)
        {
            // Part of it may be folded in already, before its chain and digest were checked: start again from an empty
            // index.
            lock (_indexGate)
            {
                _index = new LedgerIndex();
            }

            if (Cancelled(e, cancellationToken))
            {
                throw;
            }

            // Anything else is the snapshot's fault (whatever damaged bytes made the reader or the fold throw): it is
            // ignored, never fatal, since the store holds everything it does.
            return Rejected(Reason(e), header.Last);
        }
    }

    /// <summary>
    /// Loads the snapshot's index image, when it has one, in place of its events: what the index held when it was
    /// saved, arrays read rather than a million events decoded and folded. Only under
    /// <see cref="SnapshotVerification.Head"/>: an image cannot be checked event by event against the log's chain.
    /// </summary>
    /// <returns>False when the snapshot has no image (its events are read instead).</returns>
    private async Task<bool> LoadImageAsync(SnapshotReader reader, SnapshotHeader header,
        CancellationToken cancellationToken)
    {
        if (await reader.ReadImageAsync(keep: true, cancellationToken).ConfigureAwait(false) is not { } image)
        {
            return false;
        }

        var loaded = LedgerIndex.ReadImage(image);
        if (loaded.LastPosition != header.Last || loaded.EventCount != header.Events)
        {
            throw new SnapshotFormatException(
                $"snapshot index image ends at position {loaded.LastPosition} after {loaded.EventCount} events; " +
                $"its header says position {header.Last} after {header.Events}");
        }

        lock (_indexGate)
        {
            _index = loaded;
        }

        return true;
    }

    private static bool Cancelled(Exception e, CancellationToken cancellationToken) =>
        e is OperationCanceledException && cancellationToken.IsCancellationRequested;

    private static string Reason(Exception e) =>
        e is SnapshotFormatException ? e.Message : $"a snapshot event does not load: {e.Message}";

    /// <summary>Null when the log holds the snapshot's last event (same position, same chain hash); else why not.</summary>
    private async Task<string?> CheckAgainstLogAsync(SnapshotHeader header, CancellationToken cancellationToken)
    {
        var atLast = await FirstAtAsync(header.Last, cancellationToken).ConfigureAwait(false);
        if (atLast is null)
        {
            return $"the store holds no event at position {header.Last}, where the snapshot ends: the snapshot is " +
                   "from another ledger, or the store was replaced";
        }

        if (atLast.Sequence != header.LastSequence || header.Events != header.LastSequence)
        {
            return $"the store's event at position {header.Last} is event {atLast.Sequence} of the log; the snapshot " +
                   $"says event {header.LastSequence} and holds {header.Events}: the snapshot is damaged or from another ledger";
        }

        if (!atLast.Hash.Span.SequenceEqual(header.LastHash))
        {
            return $"the store's event at position {header.Last} has chain hash " +
                   $"{(atLast.Hash.IsEmpty ? "(none)" : EventHash.ToHex(atLast.Hash.Span))}, the snapshot's last event " +
                   $"{EventHash.ToHex(header.LastHash)}: the snapshot is from another ledger";
        }

        return null;
    }

    private async Task<RecordedEvent?> FirstAtAsync(GlobalPosition position, CancellationToken cancellationToken)
    {
        await foreach (var recorded in _store.ReadAllAsync(ReadDirection.Forwards, position, 1, cancellationToken)
                           .ConfigureAwait(false))
        {
            return recorded.Position == position ? recorded : null;
        }

        return null;
    }

    /// <summary>
    /// Reads and decodes the snapshot's blocks on one thread while this one folds them: decoding and folding take
    /// about as long each, so two cores halve the load.
    /// </summary>
    private async Task FoldSnapshotAsync(SnapshotReader reader, CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var blocks = Channel.CreateBounded<(List<RecordedEvent> Events, LedgerEvent[] Decoded, byte[] Block)>(
            new BoundedChannelOptions(2) { SingleReader = true, SingleWriter = true });
        var producer = Task.Run(async () =>
        {
            try
            {
                while (true)
                {
                    var events = new List<RecordedEvent>(4096);
                    if (await reader.ReadBlockAsync(events, stop.Token).ConfigureAwait(false) is not { } block)
                    {
                        break;
                    }

                    var decoded = new LedgerEvent[events.Count];
                    for (var i = 0; i < events.Count; i++)
                    {
                        decoded[i] = LedgerIndex.Decode(events[i]);
                    }

                    await blocks.Writer.WriteAsync((events, decoded, block), stop.Token).ConfigureAwait(false);
                }

                blocks.Writer.Complete();
            }
            catch (Exception e)
            {
                blocks.Writer.Complete(e);
            }
        }, CancellationToken.None);

        try
        {
            await foreach (var (events, decoded, block) in blocks.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                lock (_indexGate)
                {
                    for (var i = 0; i < events.Count; i++)
                    {
                        if (!_index.Apply(events[i], decoded[i]))
                        {
                            throw new SnapshotFormatException(
                                $"snapshot event at position {events[i].Position} is not after the one before it");
                        }
                    }
                }

                // The payloads are decoded, and the index keeps none of them.
                ArrayPool<byte>.Shared.Return(block);
            }
        }
        finally
        {
            await stop.CancelAsync().ConfigureAwait(false);
            await producer.ConfigureAwait(false);
        }
    }

    private static SnapshotLoad Rejected(string reason, GlobalPosition? position) =>
        new(SnapshotOutcome.Rejected, 0, position, reason);
}
