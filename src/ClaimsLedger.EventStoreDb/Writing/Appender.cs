using ClaimsLedger.EventStoreDb.Chain;
using ClaimsLedger.EventStoreDb.Connection;
using ClaimsLedger.EventStoreDb.Diagnostics;
using ClaimsLedger.EventStoreDb.Reading;
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
/// server rejects any write that slipped in since step 1; for an expectation of any / stream exists, such a conflict
/// is looked at again and retried. 4. Find the written events in $all for their positions and recordedAt. 5. Seal
/// them into the hash chain (<see cref="ChainSealer"/>) before returning, so every later read carries their hashes;
/// an append found already present is sealed too, in case its first writer stopped before sealing it.</para>
/// <para>A conflict or failure on a later part leaves the earlier parts written, and the error (of the same type)
/// names them (<see cref="PartialAppend"/>); the store still tries to seal what was written.</para>
/// </remarks>
internal sealed class Appender(GrpcConnection connection, LedgerStreamNames names, LogReader reader,
    RecordedAtResolver resolver, StreamIdCache cache, TimeProvider clock, ChainSealer sealer, StoreDiagnostics diagnostics)
{
    private readonly Repeats _repeats = new(reader, resolver);

    public async Task<IReadOnlyList<AppendResult>> AppendAsync(IReadOnlyList<StreamAppend> appends,
        CancellationToken cancellationToken)
    {
        AppendPlan.CheckArguments(appends);
        foreach (var part in appends)
        {
            LedgerStreamNames.EnsureLedgerStream(part.Stream);
        }

        if (connection.Settings is { RequiresLeader: false } settings)
        {
            // An append finds its events in $all right after writing them (positions, recordedAt, the seal); a follower
            // that lags behind the leader may not have them yet.
            throw new StoreReadOnlyException(
                $"the EventStoreDB store at {settings.Where} was opened with nodePreference={settings.NodePreference}, " +
                "which serves reads only: appends need nodePreference=leader (the default), because the store reads " +
                "its events back from $all right after writing them, which a follower that lags behind the leader may " +
                "not have yet; nothing was written");
        }

        cancellationToken.ThrowIfCancellationRequested();
        var started = diagnostics.Start();
        var scans = new StreamScan[appends.Count];
        var results = new AppendResult?[appends.Count];
        for (var i = 0; i < appends.Count; i++)
        {
            try
            {
                scans[i] = await cache.ScanAsync(appends[i].Stream, cancellationToken).ConfigureAwait(false);
                results[i] = await _repeats.FindAsync(appends[i], scans[i], cancellationToken).ConfigureAwait(false);
            }
            catch (StreamDeletedException e)
            {
                throw e.ForAppend(); // found by the reads that check the stream, before anything was written
            }

            if (results[i] is null)
            {
                AppendPlan.CheckVersion(appends[i], scans[i].Current);
            }
        }

        if (results.All(r => r is not null))
        {
            await sealer.SealAsync(results, writing: false, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            sealer.EnterWrite();
            try
            {
                await WriteAndSealAsync(appends, scans, results, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                sealer.ExitWrite();
            }
        }

        diagnostics.IfSlow("append", started, appends.Sum(a => a.Events.Count));
        return results!;
    }

    private async Task WriteAndSealAsync(IReadOnlyList<StreamAppend> appends, StreamScan[] scans, AppendResult?[] results,
        CancellationToken cancellationToken)
    {
        var head = await ReadHeadAsync(cancellationToken).ConfigureAwait(false);
        var now = clock.GetUtcNow();
        var stamp = head.RecordedAt is { } last && last > now ? last : now;
        var writer = new PartWriter(connection, names, reader, cache, _repeats, stamp, head);
        for (var i = 0; i < appends.Count; i++)
        {
            if (results[i] is null)
            {
                // Before anything is written: an event the server could not even receive fails the whole append here.
                AppendCall.CheckMessageSizes(connection.Settings.Where, appends[i], writer.Envelopes(appends[i]));
            }
        }

        try
        {
            for (var i = 0; i < appends.Count; i++)
            {
                if (results[i] is null)
                {
                    results[i] = await writer.WriteAsync(appends[i], scans[i], cancellationToken).ConfigureAwait(false);
                }
            }
        }
        catch (LedgerStoreException e) when (writer.Written.Count > 0)
        {
            // Best effort, so the parts already written do not stay unhashed until the next append; the error stays the
            // append's, saying which streams it wrote.
            await sealer.TrySealAsync(results).ConfigureAwait(false);
            throw PartialAppend.Name(e, writer.Written);
        }
        catch (Exception) when (writer.Written.Count > 0)
        {
            await sealer.TrySealAsync(results).ConfigureAwait(false);
            throw;
        }

        // Written: the seal must finish, as the rest of the append would (each call still has its deadline).
        try
        {
            await sealer.SealAsync(results, writing: true, CancellationToken.None).ConfigureAwait(false);
        }
        catch (LedgerStoreException e)
        {
            throw AppendSealing.NotSealed(e);
        }
    }

    /// <summary>The newest ledger event's position and reported recordedAt; nulls when the ledger is empty.</summary>
    private async Task<LedgerPoint> ReadHeadAsync(CancellationToken cancellationToken)
    {
        var newest = await resolver.BackwardsAsync(reader.AllBackwardsAsync(null, 32, cancellationToken), cancellationToken)
            .FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        return new LedgerPoint(newest?.Position, newest?.RecordedAt);
    }
}
