using System.Globalization;
using ClaimsLedger.EventStoreDb.Connection;
using ClaimsLedger.EventStoreDb.Reading;
using ClaimsLedger.EventStoreDb.Wire;
using ClaimsLedger.Storage;

namespace ClaimsLedger.EventStoreDb.Writing;

/// <summary>A point of $all whose reported recordedAt is known (nulls: before the first ledger event).</summary>
internal readonly record struct LedgerPoint(GlobalPosition? Position, DateTimeOffset? RecordedAt);

/// <summary>
/// Writes the parts of one append, one stream after the other, with one stamp and one ledger head; then finds the
/// written events in $all for their positions and reported recordedAt.
/// </summary>
internal sealed class PartWriter(GrpcConnection connection, LedgerStreamNames names, LogReader reader, StreamIdCache cache,
    Repeats repeats, DateTimeOffset stamp, LedgerPoint head)
{
    private const int ConflictRetries = 10;

    private readonly List<StreamName> _written = [];
    private readonly GlobalPosition? _ledgerHead = head.Position;
    private LedgerPoint _seed = head;

    public async Task<AppendResult> WriteAsync(StreamAppend part, StreamScan scan, CancellationToken cancellationToken)
    {
        // Once a part is written, the others are written too: cancelling must not split the append.
        var token = _written.Count == 0 ? cancellationToken : CancellationToken.None;
        var envelopes = Envelopes(part);
        for (var attempt = 0; ; attempt++)
        {
            var outcome = await AppendCall.SendAsync(connection, names, part, scan.Current, envelopes, token).ConfigureAwait(false);
            if (outcome.Succeeded)
            {
                cache.Written(part.Stream, scan.Current, part.Events, outcome.Revision);
                _written.Add(part.Stream);
                return await LocateAsync(part, outcome.Revision, scan, token).ConfigureAwait(false);
            }

            if (part.ExpectedVersion.IsExact || part.ExpectedVersion == ExpectedVersion.NoStream || attempt == ConflictRetries)
            {
                throw Conflict(part, outcome.Revision);
            }

            // Expected any / stream exists: another writer got in between; look again and retry.
            scan = await cache.ScanAsync(part.Stream, token).ConfigureAwait(false);
            if (await repeats.FindAsync(part, scan, token).ConfigureAwait(false) is { } repeat)
            {
                return repeat;
            }

            AppendPlan.CheckVersion(part, scan.Current);
        }
    }

    /// <summary>The custom metadata (the ledger's envelope) each event of <paramref name="part"/> is sent with.</summary>
    public byte[][] Envelopes(StreamAppend part) => part.Events.Select(e => Envelope.Write(stamp, _ledgerHead, e.Metadata)).ToArray();

    /// <summary>The streams written so far (a part counts from the server's success, before its events are located).</summary>
    public IReadOnlyList<StreamName> Written => _written;

    // The append names the streams already written (PartialAppend).
    private static WrongExpectedVersionException Conflict(StreamAppend part, long? actual) =>
        new(part.Stream, part.ExpectedVersion, actual);

    // Reads $all forwards from the seed until every written event is found: their positions, and the running maximum
    // of the stamps gives the first one's reported recordedAt.
    private async Task<AppendResult> LocateAsync(StreamAppend part, long? revision, StreamScan before,
        CancellationToken cancellationToken)
    {
        if (part.Events.Count == 0)
        {
            return new AppendResult(part.Stream, revision, GlobalPosition.Start, GlobalPosition.Start, stamp, false);
        }

        var ids = part.Events.Select(e => e.EventId).ToHashSet();
        var running = _seed.RecordedAt;
        (GlobalPosition Position, DateTimeOffset RecordedAt)? first = null;
        await foreach (var e in reader.AllForwardsAsync(_seed.Position, long.MaxValue, cancellationToken).ConfigureAwait(false))
        {
            if (_seed.Position is { } seen && e.Position <= seen)
            {
                continue;
            }

            running = running is { } r && r > e.Stamp ? r : e.Stamp;
            if (e.Stream == part.Stream && ids.Remove(e.Id))
            {
                first ??= (e.Position, running.Value);
                if (ids.Count == 0)
                {
                    _seed = new LedgerPoint(e.Position, running);
                    return new AppendResult(part.Stream, revision, first.Value.Position, e.Position, first.Value.RecordedAt, false);
                }
            }
        }

        // Not found after the seed: the server recognised an earlier write of these ids (a retry).
        var scan = await cache.ScanAsync(part.Stream, cancellationToken).ConfigureAwait(false);
        return await repeats.FindAsync(part, scan, cancellationToken).ConfigureAwait(false)
               ?? throw new LedgerStoreException(
                   $"EventStoreDB at {connection.Settings.Where} accepted the append to '{part.Stream}' (expected " +
                   $"revision {before.Current?.ToString(CultureInfo.InvariantCulture) ?? "no stream"}) but its events " +
                   "are not in the read of all; is the node a follower that has not caught up?");
    }
}
