namespace ClaimsLedger.Storage;

/// <summary>Conveniences over the store contract's primitives; every store gets them for free.</summary>
public static class EventStoreExtensions
{
    /// <summary>Appends events to one stream.</summary>
    /// <exception cref="WrongExpectedVersionException">The stream was not at <paramref name="expected"/>.</exception>
    /// <exception cref="DuplicateEventException">An event id is already used by a different event.</exception>
    public static async Task<AppendResult> AppendToStreamAsync(this IEventWriter writer, StreamName stream,
        ExpectedVersion expected, IReadOnlyList<EventData> events, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(writer);
        var results = await writer.AppendAsync([new StreamAppend(stream, expected, events)], cancellationToken)
            .ConfigureAwait(false);
        return results[0];
    }

    /// <summary>Reads a whole stream, oldest first; empty when it does not exist.</summary>
    public static IAsyncEnumerable<RecordedEvent> ReadStreamForwardsAsync(this IEventReader reader, StreamName stream,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reader);
        return reader.ReadStreamAsync(stream, ReadDirection.Forwards, StreamPosition.Start, long.MaxValue,
            cancellationToken);
    }

    /// <summary>Reads the global order from <paramref name="from"/> (inclusive) to the current end.</summary>
    public static IAsyncEnumerable<RecordedEvent> ReadAllForwardsAsync(this IEventReader reader, GlobalPosition from,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reader);
        return reader.ReadAllAsync(ReadDirection.Forwards, from, long.MaxValue, cancellationToken);
    }

    /// <summary>Reads every event after <paramref name="after"/> (exclusive; null for everything) to the current end.</summary>
    public static async IAsyncEnumerable<RecordedEvent> ReadAllAfterAsync(this IEventReader reader,
        GlobalPosition? after, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reader);
        // On a sequenced store the next position is known: start there instead of reading the last one again.
        var from = after is { } known && reader is ISequencedEventStore && known.ToSequence() < long.MaxValue
            ? GlobalPosition.FromSequence(known.ToSequence() + 1)
            : after ?? GlobalPosition.Start;
        await foreach (var e in reader.ReadAllAsync(ReadDirection.Forwards, from,
                           long.MaxValue, cancellationToken).ConfigureAwait(false))
        {
            if (after is { } exclusive && e.Position <= exclusive)
            {
                continue;
            }

            yield return e;
        }
    }

    /// <summary>
    /// As <see cref="ReadAllAfterAsync"/>, for building an index: without the chain hashes when the store can leave
    /// them out, and with the payloads decoded as they are read when it can (<see cref="IIndexSource"/>).
    /// </summary>
    internal static async IAsyncEnumerable<IndexRow> ReadAllAfterForIndexAsync(this IEventReader reader,
        GlobalPosition? after, bool decode,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        if (reader is not IIndexSource source || reader is not ISequencedEventStore)
        {
            await foreach (var e in reader.ReadAllAfterAsync(after, cancellationToken).ConfigureAwait(false))
            {
                yield return new IndexRow(e, null);
            }

            yield break;
        }

        var from = after is { } known ? GlobalPosition.FromSequence(known.ToSequence() + 1) : GlobalPosition.Start;
        await foreach (var row in source.ReadAllForIndexAsync(from, decode, cancellationToken).ConfigureAwait(false))
        {
            if (after is { } exclusive && row.Recorded.Position <= exclusive)
            {
                continue;
            }

            yield return row;
        }
    }

    /// <summary>The last event in global order, or null when the store is empty.</summary>
    public static async Task<RecordedEvent?> ReadLastAsync(this IEventReader reader,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reader);
        await foreach (var e in reader.ReadAllAsync(ReadDirection.Backwards, GlobalPosition.End, 1, cancellationToken)
                           .ConfigureAwait(false))
        {
            return e;
        }

        return null;
    }
}
