namespace ClaimsLedger.Storage;

/// <summary>
/// The rules every store applies to an append before writing, in one place so stores cannot disagree:
/// argument checks, idempotent repeats by event id, and expected-version checks.
/// </summary>
internal static class AppendPlan
{
    /// <exception cref="ArgumentException">A stream appears twice, or an event id twice.</exception>
    public static void CheckArguments(IReadOnlyList<StreamAppend> appends)
    {
        ArgumentNullException.ThrowIfNull(appends);
        var streams = new HashSet<StreamName>();
        var ids = new HashSet<Guid>();
        foreach (var part in appends)
        {
            ArgumentNullException.ThrowIfNull(part, nameof(appends));
            if (part.Stream == default)
            {
                throw new ArgumentException("an append has no stream name", nameof(appends));
            }

            if (!streams.Add(part.Stream))
            {
                throw new ArgumentException($"stream '{part.Stream}' appears twice in one append", nameof(appends));
            }

            for (var n = 0; n < part.Events.Count; n++)
            {
                var data = part.Events[n];
                ArgumentNullException.ThrowIfNull(data, nameof(appends));
                if (string.IsNullOrEmpty(data.Type))
                {
                    throw new ArgumentException($"event {data.EventId} for '{part.Stream}' has no type", nameof(appends));
                }

                if (!ids.Add(data.EventId))
                {
                    throw new DuplicateEventException(data.EventId, part.Stream, "the id appears twice in one append");
                }
            }
        }
    }

    /// <summary>
    /// The result of an exact repeat (every event already stored identically in this stream), or null when the part
    /// must be written.
    /// </summary>
    /// <param name="part">The stream's part of the append.</param>
    /// <param name="existing">Stored events whose ids occur in the part.</param>
    /// <param name="currentVersion">The stream's last revision now.</param>
    /// <exception cref="DuplicateEventException">An id is used by a different event.</exception>
    public static AppendResult? FindRepeat(StreamAppend part, IReadOnlyDictionary<Guid, RecordedEvent> existing,
        long? currentVersion)
    {
        if (existing.Count == 0)
        {
            return null;
        }

        for (var n = 0; n < part.Events.Count; n++)
        {
            var data = part.Events[n];
            if (!existing.TryGetValue(data.EventId, out var stored))
            {
                throw new DuplicateEventException(existing.Keys.First(), part.Stream,
                    "the append mixes events already stored with new ones");
            }

            if (stored.Stream != part.Stream)
            {
                throw new DuplicateEventException(data.EventId, part.Stream,
                    $"it belongs to an event in stream '{stored.Stream}'");
            }

            if (stored.Type != data.Type || !stored.Data.Span.SequenceEqual(data.Data.Span))
            {
                throw new DuplicateEventException(data.EventId, part.Stream,
                    $"the stored event (position {stored.Position}) has different content");
            }
        }

        var found = part.Events.Select(data => existing[data.EventId]).OrderBy(e => e.Position).ToArray();
        return new AppendResult(part.Stream, currentVersion, found[0].Position, found[^1].Position,
            found[0].RecordedAt, AlreadyPresent: true);
    }

    /// <summary>Checks a restore's order of recordedAt against itself and the store's last recordedAt.</summary>
    /// <exception cref="ArgumentException">recordedAt decreases along the events.</exception>
    /// <exception cref="LedgerStoreException">The first recordedAt is before the store's last one.</exception>
    public static void CheckRestore(IReadOnlyList<RestoredEvent> events, DateTimeOffset? lastRecordedAt)
    {
        ArgumentNullException.ThrowIfNull(events);
        for (var i = 1; i < events.Count; i++)
        {
            if (events[i].RecordedAt < events[i - 1].RecordedAt)
            {
                throw new ArgumentException(
                    $"event {i} (id {events[i].Data.EventId}) was recorded at {events[i].RecordedAt:O}, before the event " +
                    $"before it ({events[i - 1].RecordedAt:O}): recordedAt must not decrease", nameof(events));
            }
        }

        if (events.Count > 0 && lastRecordedAt is { } last && events[0].RecordedAt < last)
        {
            throw new LedgerStoreException(
                $"the events to restore start at {events[0].RecordedAt:O}, before the store's last event ({last:O}); " +
                "nothing was written");
        }
    }

    /// <exception cref="WrongExpectedVersionException">The stream is not at the expected version.</exception>
    public static void CheckVersion(StreamAppend part, long? currentVersion)
    {
        if (!part.ExpectedVersion.IsSatisfiedBy(currentVersion))
        {
            throw new WrongExpectedVersionException(part.Stream, part.ExpectedVersion, currentVersion);
        }
    }
}
