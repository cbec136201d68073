using ClaimsLedger.EventStoreDb.Connection;
using ClaimsLedger.EventStoreDb.Reading;
using ClaimsLedger.EventStoreDb.Wire;
using ClaimsLedger.Storage;

namespace ClaimsLedger.EventStoreDb.Writing;

/// <summary>
/// Appends stream by stream (EventStoreDB has no transaction across streams), after checking every part first.
/// </summary>
/// <remarks>
/// <para>1. For every part: read what its stream holds beyond what the cache knows; an exact repeat of stored events is
/// reported as already present, a reused id is refused, and the expected version is checked — all before anything is
/// written. 2. Read the ledger head (the newest ledger event in $all and its reported recordedAt R) and stamp
/// max(clock, R). 3. Write each part with the stream's exact revision (or no stream) as the expected revision, so the
/// server rejects any write that slipped in since step 1. For an expectation of any / stream exists, such a
/// conflict is looked at again and retried. 4. Find the written events in $all for their positions and recordedAt.</para>
/// <para>Once the first part is sent, the others are written even if the caller cancels, so that cancelling never
/// splits an append; a conflict or failure on a later part leaves the earlier parts written, and the error says so.</para>
/// </remarks>
internal sealed class Appender(GrpcConnection connection, LedgerStreamNames names, LogReader reader,
    RecordedAtResolver resolver, StreamIdCache cache, TimeProvider clock)
{
    private const int ConflictRetries = 10;

    private GrpcConnection Connection => connection;

    private LedgerStreamNames Names => names;

    private LogReader Reader => reader;

    private StreamIdCache Cache => cache;

    public async Task<IReadOnlyList<AppendResult>> AppendAsync(IReadOnlyList<StreamAppend> appends,
        CancellationToken cancellationToken)
    {
        AppendPlan.CheckArguments(appends);
        foreach (var part in appends)
        {
            LedgerStreamNames.EnsureLedgerStream(part.Stream);
        }

        cancellationToken.ThrowIfCancellationRequested();
        var scans = new StreamScan[appends.Count];
        var results = new AppendResult?[appends.Count];
        for (var i = 0; i < appends.Count; i++)
        {
            scans[i] = await cache.ScanAsync(appends[i].Stream, cancellationToken).ConfigureAwait(false);
            results[i] = await FindRepeatAsync(appends[i], scans[i], cancellationToken).ConfigureAwait(false);
            if (results[i] is null)
            {
                AppendPlan.CheckVersion(appends[i], scans[i].Current);
            }
        }

        if (results.All(r => r is not null))
        {
            return results!;
        }

        var head = await ReadHeadAsync(cancellationToken).ConfigureAwait(false);
        var now = clock.GetUtcNow();
        var write = new PartWriter(this, head.Position, head.RecordedAt is { } last && last > now ? last : now, head);
        for (var i = 0; i < appends.Count; i++)
        {
            results[i] ??= await write.PartAsync(appends[i], scans[i], cancellationToken).ConfigureAwait(false);
        }

        return results!;
    }

    /// <summary>The newest ledger event's position and reported recordedAt; nulls when the ledger is empty.</summary>
    private async Task<Seed> ReadHeadAsync(CancellationToken cancellationToken)
    {
        var newest = await resolver.BackwardsAsync(reader.AllBackwardsAsync(null, 32, cancellationToken), cancellationToken)
            .FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        return new Seed(newest?.Position, newest?.RecordedAt);
    }

    /// <summary>The result of an exact repeat, or null when the part must be written.</summary>
    /// <exception cref="DuplicateEventException">An id of the part is used by a different event of the stream.</exception>
    private async Task<AppendResult?> FindRepeatAsync(StreamAppend part, StreamScan scan, CancellationToken cancellationToken)
    {
        var revisions = part.Events.Where(e => scan.Ids.ContainsKey(e.EventId)).Select(e => scan.Ids[e.EventId]).ToList();
        if (revisions.Count == 0)
        {
            return null;
        }

        var ids = part.Events.Select(e => e.EventId).ToHashSet();
        var from = revisions.Min();
        var stored = await resolver.StreamAsync(
                reader.StreamAsync(part.Stream, ReadDirection.Forwards, from, revisions.Max() - from + 1, cancellationToken),
                cancellationToken)
            .Where(e => ids.Contains(e.EventId))
            .ToDictionaryAsync(e => e.EventId, cancellationToken: cancellationToken).ConfigureAwait(false);
        return AppendPlan.FindRepeat(part, stored, scan.Current);
    }

    /// <summary>A point of $all whose reported recordedAt is known: where the search for written events starts.</summary>
    private readonly record struct Seed(GlobalPosition? Position, DateTimeOffset? RecordedAt);

    /// <summary>Writes the parts of one append with one stamp and one ledger head.</summary>
    private sealed class PartWriter(Appender appender, GlobalPosition? ledgerHead, DateTimeOffset stamp, Seed seed)
    {
        private readonly List<StreamName> _written = [];
        private Seed _seed = seed;

        public async Task<AppendResult> PartAsync(StreamAppend part, StreamScan scan, CancellationToken cancellationToken)
        {
            var token = _written.Count == 0 ? cancellationToken : CancellationToken.None;
            var envelopes = part.Events.Select(e => Envelope.Write(stamp, ledgerHead, e.Metadata)).ToArray();
            for (var attempt = 0; ; attempt++)
            {
                var outcome = await AppendCall.SendAsync(appender.Connection, appender.Names, part, scan.Current, envelopes,
                    token).ConfigureAwait(false);
                if (outcome.Succeeded)
                {
                    appender.Cache.Written(part.Stream, scan.Current, part.Events);
                    _written.Add(part.Stream);
                    return await LocateAsync(part, outcome.Revision, scan, token).ConfigureAwait(false);
                }

                if (part.ExpectedVersion.IsExact || part.ExpectedVersion == ExpectedVersion.NoStream || attempt == ConflictRetries)
                {
                    throw Conflict(part, outcome.Revision);
                }

                // Expected any / stream exists: another writer got in between; look again and retry.
                scan = await appender.Cache.ScanAsync(part.Stream, token).ConfigureAwait(false);
                if (await appender.FindRepeatAsync(part, scan, token).ConfigureAwait(false) is { } repeat)
                {
                    return repeat;
                }

                AppendPlan.CheckVersion(part, scan.Current);
            }
        }

        private WrongExpectedVersionException Conflict(StreamAppend part, long? actual) => _written.Count == 0
            ? new WrongExpectedVersionException(part.Stream, part.ExpectedVersion, actual)
            : new WrongExpectedVersionException(part.Stream, part.ExpectedVersion, actual,
                $"nothing was written to it, but the same append already wrote {string.Join(", ", _written.Select(s => $"'{s}'"))} " +
                "(EventStoreDB appends stream by stream)");

        // Reads $all forwards from the seed until every written event is found: their positions, and the running
        // maximum of stamps gives the first one's reported recordedAt.
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
            await foreach (var e in appender.Reader.AllForwardsAsync(_seed.Position, long.MaxValue, cancellationToken)
                               .ConfigureAwait(false))
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
                        _seed = new Seed(e.Position, running);
                        return new AppendResult(part.Stream, revision, first.Value.Position, e.Position, first.Value.RecordedAt, false);
                    }
                }
            }

            // Not found after the seed: the server recognised an earlier write of these ids (a retry).
            var scan = await appender.Cache.ScanAsync(part.Stream, cancellationToken).ConfigureAwait(false);
            return await appender.FindRepeatAsync(part, scan, cancellationToken).ConfigureAwait(false)
                   ?? throw new LedgerStoreException(
                       $"EventStoreDB at {appender.Connection.Settings.Where} accepted the append to '{part.Stream}' " +
                       $"(expected revision {before.Current?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "no stream"}) " +
                       "but its events are not in the read of all; reading from a follower?");
        }
    }
}
