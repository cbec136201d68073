using System.Collections.Immutable;
using ClaimsLedger.EventStoreDb.Reading;
using ClaimsLedger.Storage;

namespace ClaimsLedger.EventStoreDb.Writing;

/// <summary>What the store knows of one stream: its last revision and the revision of every event id in it.</summary>
internal sealed record StreamScan(long? Current, ImmutableDictionary<Guid, long> Ids)
{
    public static StreamScan Empty { get; } = new(null, ImmutableDictionary<Guid, long>.Empty);

    public StreamScan With(IEnumerable<(Guid Id, long Revision)> events)
    {
        var ids = Ids.ToBuilder();
        var current = Current;
        foreach (var (id, revision) in events)
        {
            ids[id] = revision;
            current = revision;
        }

        return new StreamScan(current, ids.ToImmutable());
    }
}

/// <summary>
/// The event ids of the streams this store appended to, so that an append reads only the events added to its stream
/// since the last one instead of the whole stream. Bounded: past <see cref="MaxIds"/> ids it starts over.
/// </summary>
/// <remarks>A stream the cache knows to hold events that the server reports as not found was soft-deleted: the scan
/// raises <see cref="StreamDeletedException"/> rather than take it for empty (and let an append re-create it).</remarks>
internal sealed class StreamIdCache(LogReader reader)
{
    public const int MaxIds = 500_000;

    private readonly Lock _gate = new();
    private readonly Dictionary<StreamName, StreamScan> _streams = [];
    private int _count;

    /// <summary>The stream as it is now: reads what was appended since the last scan.</summary>
    /// <exception cref="StreamDeletedException">The stream was tombstoned, or soft-deleted after the cache saw it.</exception>
    public async Task<StreamScan> ScanAsync(StreamName stream, CancellationToken cancellationToken)
    {
        var known = Get(stream);
        var added = new List<(Guid, long)>();
        await foreach (var e in reader.StreamAsync(stream, ReadDirection.Forwards, (known.Current ?? -1) + 1, long.MaxValue,
                           cancellationToken, knownToExist: known.Current is not null).ConfigureAwait(false))
        {
            added.Add((e.Id, e.Revision));
        }

        var scan = added.Count == 0 ? known : known.With(added);
        Remember(stream, known, scan);
        return scan;
    }

    /// <summary>True when the store has seen events in the stream.</summary>
    public bool Knows(StreamName stream) => Get(stream).Current is not null;

    /// <summary>
    /// Adds this store's own write, if the cache was at the revision the write started from and the server's last
    /// revision <paramref name="after"/> is where the events were meant to go; otherwise (a soft-deleted stream
    /// re-created, its revisions continuing) forgets the stream, so that the next scan reads it again.
    /// </summary>
    public void Written(StreamName stream, long? before, IReadOnlyList<EventData> events, long? after)
    {
        var known = Get(stream);
        if (events.Count > 0 && after != (before ?? -1) + events.Count)
        {
            lock (_gate)
            {
                if (_streams.Remove(stream, out var dropped))
                {
                    _count -= dropped.Ids.Count;
                }
            }

            return;
        }

        if (known.Current == before)
        {
            var first = (before ?? -1) + 1;
            Remember(stream, known, known.With(events.Select((e, i) => (e.EventId, first + i))));
        }
    }

    private StreamScan Get(StreamName stream)
    {
        lock (_gate)
        {
            return _streams.GetValueOrDefault(stream) ?? StreamScan.Empty;
        }
    }

    private void Remember(StreamName stream, StreamScan known, StreamScan scan)
    {
        lock (_gate)
        {
            var now = _streams.GetValueOrDefault(stream) ?? StreamScan.Empty;
            if (now != known && (now.Current ?? -1) >= (scan.Current ?? -1))
            {
                return; // another call got further meanwhile
            }

            _count += scan.Ids.Count - now.Ids.Count;
            _streams[stream] = scan;
            if (_count > MaxIds)
            {
                _streams.Clear();
                _count = 0;
            }
        }
    }
}
