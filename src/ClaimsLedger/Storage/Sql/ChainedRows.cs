using System.Collections;

namespace ClaimsLedger.Storage.Sql;

/// <summary>
/// The rows of an append with their chain hashes, hashed on another core ahead of the insert that reads them.
/// </summary>
/// <remarks>
/// <para>Each hash covers the one before it, so the chain is one sequential walk; but it needs nothing from the
/// database, and the insert that follows it needs each row only in turn. Hashing the whole append first kept the
/// insert waiting ~1.1 s on a million-event append (a probe, 2026-11-30); here a helper hashes chunk after chunk
/// while the insert runs, and a reader that gets ahead of it hashes the next chunk itself. Chunks are taken under one
/// lock, so they are hashed in order whichever thread does it; a reader waits at most for the chunk the helper is
/// hashing, the one it needs. With one core there is no helper: the rows are hashed at once.</para>
/// <para>A chunk that throws is not published: the reader that needs it hashes it again and gets the exception (so the
/// rows of that chunk before the bad one are not read either: the append fails whole).</para>
/// </remarks>
internal sealed class ChainedRows : IReadOnlyList<EventRow>
{
    /// <summary>Below this many rows the hand-off costs more than it saves: the rows are hashed at once.</summary>
    internal const int HelperThreshold = 256;

    internal const int Chunk = 128;

    private readonly List<EventRow> _planned;
    private readonly EventRow[] _rows;
    private readonly Lock _gate = new();
    private byte[] _previous;
    private int _ready;
    // The helper's state: NotStarted, Running or Stopped; a helper that is stopped before it starts never runs.
    private int _state = NotStarted;
    private Task _helper = Task.CompletedTask;

    private const int NotStarted = 0;
    private const int Running = 1;
    private const int Stopped = 2;

    private ChainedRows(List<EventRow> planned, byte[] previous)
    {
        _planned = planned;
        _rows = new EventRow[planned.Count];
        _previous = previous;
    }

    /// <summary>The rows of <paramref name="planned"/> chained from <paramref name="headHash"/> (the genesis hash
    /// when null); on a helper when there are many.</summary>
    public static ChainedRows Start(List<EventRow> planned, byte[]? headHash)
    {
        var rows = Create(planned, headHash);
        if (planned.Count >= HelperThreshold && Environment.ProcessorCount > 1)
        {
            rows._helper = Task.Run(rows.HashAhead, CancellationToken.None);
        }
        else
        {
            rows.HashThrough(planned.Count - 1);
        }

        return rows;
    }

    /// <summary>As <see cref="Start"/>, without a helper and without hashing: a test runs <see cref="HashAhead"/>.</summary>
    internal static ChainedRows Create(List<EventRow> planned, byte[]? headHash) =>
        new(planned, headHash ?? Integrity.EventHash.Genesis.ToArray());

    /// <summary>How many rows are hashed so far (a test's view of the helper's work).</summary>
    internal int Ready => Volatile.Read(ref _ready);

    /// <inheritdoc/>
    public int Count => _rows.Length;

    /// <inheritdoc/>
    public EventRow this[int index]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfNegative(index);
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, _rows.Length);
            if (index >= Volatile.Read(ref _ready))
            {
                HashThrough(index);
            }

            return _rows[index];
        }
    }

    /// <summary>Stops the helper and waits for it, so that no hashing outlives the append (e.g. one that failed).</summary>
    public Task StopAsync()
    {
        // A helper still waiting for a thread never runs; a running one ends after its chunk.
        return Interlocked.Exchange(ref _state, Stopped) == Running ? _helper : Task.CompletedTask;
    }

    /// <inheritdoc/>
    public IEnumerator<EventRow> GetEnumerator()
    {
        for (var i = 0; i < _rows.Length; i++)
        {
            yield return this[i];
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>The helper's work: the next chunk, until every row is hashed or the rows are stopped.</summary>
    internal void HashAhead()
    {
        if (Interlocked.CompareExchange(ref _state, Running, NotStarted) != NotStarted)
        {
            return;
        }

        try
        {
            while (Volatile.Read(ref _state) == Running && Volatile.Read(ref _ready) < _rows.Length)
            {
                lock (_gate)
                {
                    if (_ready < _rows.Length)
                    {
                        HashNextChunk();
                    }
                }
            }
        }
        catch (Exception)
        {
            // The reader that needs the chunk hashes it again and reports this itself; the helper's task, which the
            // append awaits when it stops it, must not fault with it too.
        }
    }

    // Either the helper publishes the row meanwhile, or this reader gets the lock and hashes up to it itself: it never
    // waits behind the helper's later chunks (the lock is not fair, and the helper takes it again at once).
    private void HashThrough(int index)
    {
        var spin = new SpinWait();
        while (Volatile.Read(ref _ready) <= index)
        {
            if (_gate.TryEnter())
            {
                try
                {
                    while (_ready <= index)
                    {
                        HashNextChunk();
                    }
                }
                finally
                {
                    _gate.Exit();
                }

                return;
            }

            spin.SpinOnce(sleep1Threshold: -1);
        }
    }

    // Under _gate. Publishes the chunk only once every row of it is hashed.
    private void HashNextChunk()
    {
        var start = _ready;
        var end = Math.Min(start + Chunk, _rows.Length);
        var previous = _previous;
        for (var i = start; i < end; i++)
        {
            var row = _planned[i];
            var hash = Integrity.EventHash.Compute(row.Position, row.Stream.Value, row.Version, row.Data.Type,
                row.Data.EventId, row.RecordedAt, row.Data.Data.Span, row.Data.Metadata.Span, previous);
            _rows[i] = row with { Hash = hash, PreviousHash = previous };
            previous = hash;
        }

        _previous = previous;
        Volatile.Write(ref _ready, end);
    }
}
