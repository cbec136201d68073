using ClaimsLedger.Events;
using ClaimsLedger.Serialization;
using ClaimsLedger.Storage;

namespace ClaimsLedger.Recording;

/// <summary>
/// The payloads, ids and folded forms of a batch's events, made on another core while the batch is validated.
/// </summary>
/// <remarks>
/// <para>Validation walks the batch in order against the index, under its lock, on one core; encoding an event needs
/// neither, and took about as long again (serialising, hashing the event id, sharing the id strings of its folded
/// form: ~2.3 s of a million-event append, a probe, 2026-11-30). A helper starts encoding when the batch is large and
/// there is a second core; the caller joins in once validation is done, and both take the next events from one
/// counter. The helper reads the batch as it was when the encoding started (its own copy of the list), never the
/// caller's list.</para>
/// <para>Events validation turns away are encoded for nothing, so the caller does not join when the batch holds any
/// (it stops the helper instead and encodes only what is appended), and a batch that follows one made mostly of
/// repeats (a file imported again) is not encoded ahead at all. An event whose encoding throws is left out, and
/// <see cref="Get"/> encodes it again on the caller's thread, so its exception comes from where it always did, once the
/// event is known to be valid.</para>
/// </remarks>
internal sealed class BatchEncoding
{
    /// <summary>Below this many events a hand-off costs more than it saves: the caller encodes what it appends.</summary>
    internal const int HelperThreshold = 256;

    // Small enough that the caller, joining late, rarely waits on the helper's last chunk; large enough that the
    // shared counter is touched once per ~100 µs of work.
    private const int Chunk = 64;

    private readonly LedgerEvent[] _events;
    private readonly ReadOnlyMemory<byte> _metadata;
    private readonly bool _foldedForms;
    private readonly EventData?[] _data;
    private readonly LedgerEvent?[] _forms;
    private readonly bool _shared;
    private int _next;
    private int _working;

    private BatchEncoding(LedgerEvent[] events, ReadOnlyMemory<byte> metadata, bool foldedForms, bool shared)
    {
        _events = events;
        _metadata = metadata;
        _foldedForms = foldedForms;
        _shared = shared;
        _data = new EventData?[shared ? events.Length : 0];
        _forms = new LedgerEvent?[shared ? events.Length : 0];
    }

    /// <summary>Starts encoding <paramref name="events"/> on a helper when there are enough of them.</summary>
    /// <param name="events">The batch, as the ledger validates it (the helper reads only this array).</param>
    /// <param name="metadata">The metadata every event of the batch carries.</param>
    /// <param name="foldedForms">Whether to make each event's folded form (<see cref="StoredForm"/>).</param>
    /// <param name="expectRepeats">Whether most of the batch is likely to be refused as repeats (the last batch
    /// was): then nothing is encoded ahead, since most of it would be thrown away.</param>
    public static BatchEncoding Start(LedgerEvent[] events, ReadOnlyMemory<byte> metadata, bool foldedForms,
        bool expectRepeats)
    {
        var encoding = Create(events, metadata, foldedForms, expectRepeats);
        if (encoding._shared)
        {
            ThreadPool.UnsafeQueueUserWorkItem(static e => e.Help(), encoding, preferLocal: false);
        }

        return encoding;
    }

    /// <summary>As <see cref="Start"/>, without queuing the helper: a test runs <see cref="Help"/> itself.</summary>
    internal static BatchEncoding Create(LedgerEvent[] events, ReadOnlyMemory<byte> metadata, bool foldedForms,
        bool expectRepeats) =>
        new(events, metadata, foldedForms,
            shared: events.Length >= HelperThreshold && !expectRepeats && Environment.ProcessorCount > 1);

    /// <summary>How many events are encoded ahead (a test's view of the helper's work).</summary>
    internal int Encoded => _data.Count(d => d is not null);

    /// <summary>Encodes what is left on the calling thread and waits for the helper's last events.</summary>
    public void Finish()
    {
        if (!_shared)
        {
            return;
        }

        Help();
        WaitForHelper();
    }

    /// <summary>Stops the helper and waits for the events it is encoding: the batch is refused, or holds events
    /// that will not be appended (<see cref="Get"/> encodes the rest as they are asked for).</summary>
    public void Abandon()
    {
        if (!_shared)
        {
            return;
        }

        // Past the end: every later claim of a chunk finds no work (no arithmetic near int.MaxValue).
        Interlocked.Exchange(ref _next, _events.Length);
        WaitForHelper();
    }

    /// <summary>The encoded form of <paramref name="event"/>, the event at <paramref name="index"/> of the batch, and
    /// its folded form (null when its payload must be decoded, or when no forms were asked for).</summary>
    public (EventData Data, LedgerEvent? Form) Get(int index, LedgerEvent @event)
    {
        if (_shared && ReferenceEquals(_events[index], @event) && _data[index] is { } data)
        {
            return (data, _forms[index]);
        }

        return Encode(@event);
    }

    /// <summary>The helper's (and the joining caller's) work: chunks of events until none are left.</summary>
    internal void Help()
    {
        Interlocked.Increment(ref _working);
        try
        {
            while (true)
            {
                var start = Interlocked.Add(ref _next, Chunk) - Chunk;
                if (start >= _events.Length)
                {
                    return;
                }

                var end = Math.Min(start + Chunk, _events.Length);
                for (var i = start; i < end; i++)
                {
                    try
                    {
                        (_data[i], _forms[i]) = Encode(_events[i]);
                    }
                    catch (Exception)
                    {
                        // Whatever it is (the event may not be valid yet): left null, Get encodes it again on the
                        // caller's thread if the event is to be appended, and the exception surfaces there. Nothing may
                        // escape a helper on the thread pool.
                    }
                }
            }
        }
        finally
        {
            Interlocked.Decrement(ref _working);
        }
    }

    // The helper holds at most one chunk when the counter runs out; a helper that has not started yet finds no work.
    private void WaitForHelper()
    {
        var spin = new SpinWait();
        while (Volatile.Read(ref _working) > 0)
        {
            spin.SpinOnce(sleep1Threshold: -1);
        }
    }

    private (EventData Data, LedgerEvent? Form) Encode(LedgerEvent @event)
    {
        var payload = EventSerializer.Serialize(@event, out var decodesToItself);
        var data = new EventData(EventIds.For(@event), EventTypeNames.Of(@event), payload, _metadata);
        return (data, _foldedForms ? StoredForm.Of(@event, decodesToItself) : null);
    }
}
