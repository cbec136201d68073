using ClaimsLedger.EventStoreDb.Reading;
using ClaimsLedger.Storage;

namespace ClaimsLedger.EventStoreDb.Writing;

/// <summary>Recognises an exact repeat of events already in the stream, and refuses an id reused within it.</summary>
internal sealed class Repeats(LogReader reader, RecordedAtResolver resolver)
{
    /// <summary>The result of an exact repeat, or null when the part must be written.</summary>
    /// <exception cref="DuplicateEventException">An id of the part is used by a different event of the stream.</exception>
    public async Task<AppendResult?> FindAsync(StreamAppend part, StreamScan scan, CancellationToken cancellationToken)
    {
        var revisions = part.Events.Where(e => scan.Ids.ContainsKey(e.EventId)).Select(e => scan.Ids[e.EventId]).ToList();
        if (revisions.Count == 0)
        {
            return null;
        }

        var ids = part.Events.Select(e => e.EventId).ToHashSet();
        var from = revisions.Min();
        var stored = await resolver.StreamAsync(
                reader.StreamAsync(part.Stream, ReadDirection.Forwards, from, revisions.Max() - from + 1, cancellationToken,
                    knownToExist: true),
                cancellationToken)
            .Where(e => ids.Contains(e.EventId))
            .ToDictionaryAsync(e => e.EventId, cancellationToken: cancellationToken).ConfigureAwait(false);
        return AppendPlan.FindRepeat(part, stored, scan.Current);
    }
}
