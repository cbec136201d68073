using System.Runtime.CompilerServices;
using ClaimsLedger.EventStoreDb.Connection;
using ClaimsLedger.EventStoreDb.Diagnostics;
using ClaimsLedger.EventStoreDb.Errors;
using ClaimsLedger.EventStoreDb.Protocol;
using ClaimsLedger.EventStoreDb.Wire;
using ClaimsLedger.Storage;
using Grpc.Core;

namespace ClaimsLedger.EventStoreDb.Reading;

/// <summary>
/// Finite reads of one stream or of all, in pages: each page is one Read call with its own deadline, read to its end
/// before its events are handed on, so neither a long read nor a slow consumer is cut by <c>defaultDeadline</c> (the
/// call is closed while the consumer works). Costs one page of events in memory (at most <see cref="PageSize"/>).
/// Reads of all are filtered to the ledger's streams on the server.
/// </summary>
internal sealed class LogReader(GrpcConnection connection, LedgerStreamNames names, StoreDiagnostics diagnostics)
{
    public const int PageSize = 512;

    /// <summary>
    /// A stream from <paramref name="from"/> (inclusive; <see cref="StreamPosition.End"/> backwards: the last event).
    /// When <paramref name="knownToExist"/> (the caller saw events in the stream), a <c>stream_not_found</c> answer
    /// means the stream was soft-deleted, and is raised as <see cref="StreamDeletedException"/> instead of read as empty.
    /// </summary>
    /// <exception cref="StreamDeletedException">The stream was tombstoned, or soft-deleted and known to exist.</exception>
    public async IAsyncEnumerable<StoredEvent> StreamAsync(StreamName stream, ReadDirection direction, long from,
        long maxCount, [EnumeratorCancellation] CancellationToken cancellationToken, bool knownToExist = false)
    {
        var forwards = direction == ReadDirection.Forwards;
        long? next = forwards || from != StreamPosition.End ? from : null;
        for (var remaining = maxCount; remaining > 0;)
        {
            var ask = (int)Math.Min(remaining, PageSize);
            var got = 0;
            var request = Requests.ReadStream(names.ToServer(stream), direction, next, (ulong)ask);
            var page = await ReadPageAsync(request, $"read of '{stream}'", stream, cancellationToken).ConfigureAwait(false);
            if (page.StreamNotFound && knownToExist)
            {
                throw StreamDeletedException.SoftDeletedAt(stream, connection.Settings.Where);
            }

            foreach (var e in page.Events)
            {
                got++;
                remaining--;
                next = forwards ? e.Revision + 1 : e.Revision - 1;
                yield return e;
            }

            if (got < ask || next < 0)
            {
                yield break;
            }
        }
    }

    /// <summary>All, oldest first, from <paramref name="from"/> (inclusive; null: the start of the log).</summary>
    public async IAsyncEnumerable<StoredEvent> AllForwardsAsync(GlobalPosition? from, long maxCount,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var next = from;
        GlobalPosition? last = null;
        for (var remaining = maxCount; remaining > 0;)
        {
            // After the first page, the page starts at the last event returned, which is skipped.
            var ask = (int)Math.Min(remaining, PageSize) + (last is null ? 0 : 1);
            var got = 0;
            var request = Requests.ReadAll(ReadDirection.Forwards, next, (ulong)ask, names.FilterPrefixes);
            var page = await ReadPageAsync(request, "read of all", null, cancellationToken).ConfigureAwait(false);
            foreach (var e in page.Events)
            {
                got++;
                if (last is { } seen && e.Position <= seen)
                {
                    continue;
                }

                last = e.Position;
                remaining--;
                yield return e;
                if (remaining == 0)
                {
                    yield break;
                }
            }

            if (got < ask)
            {
                yield break;
            }

            next = last;
        }
    }

    /// <summary>
    /// All, newest first, from <paramref name="from"/> (inclusive; null: the end of the log), until the caller stops.
    /// Whether the server's backwards read includes the event at its start position is not relied on: the event at
    /// <paramref name="from"/> is fetched with a forwards read, and the backwards pages skip it.
    /// </summary>
    public async IAsyncEnumerable<StoredEvent> AllBackwardsAsync(GlobalPosition? from, int pageSize,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var before = from;
        if (from is { } start)
        {
            var request = Requests.ReadAll(ReadDirection.Forwards, start, 1, names.FilterPrefixes);
            var page = await ReadPageAsync(request, "read of all", null, cancellationToken).ConfigureAwait(false);
            foreach (var e in page.Events)
            {
                if (e.Position == start)
                {
                    yield return e;
                }
            }
        }

        while (true)
        {
            var got = 0;
            var request = Requests.ReadAll(ReadDirection.Backwards, before, (ulong)pageSize + 1, names.FilterPrefixes);
            var page = await ReadPageAsync(request, "read of all", null, cancellationToken).ConfigureAwait(false);
            foreach (var e in page.Events)
            {
                got++;
                if (before is { } limit && e.Position >= limit)
                {
                    continue;
                }

                before = e.Position;
                yield return e;
            }

            if (got < pageSize + 1)
            {
                yield break;
            }
        }
    }

    /// <summary>
    /// Checks that the node answers and lets this user read all: reads the newest event of the whole log, unfiltered
    /// (a filtered read could scan a large log looking for a ledger event). A follower's not-leader reply moves the
    /// connection to the leader it names.
    /// </summary>
    public async Task ProbeAsync(CancellationToken cancellationToken)
    {
        var request = Requests.ReadAll(ReadDirection.Backwards, null, 1, prefixes: []);
        NotLeaderException? redirected = null;
        for (var redirects = 0; ; redirects++)
        {
            try
            {
                await foreach (var unused in RawAsync(request, "read of all", null, cancellationToken).ConfigureAwait(false))
                {
                }

                return;
            }
            catch (NotLeaderException e) when (connection.FollowLeader(e, redirects))
            {
                // Nothing was read: ask the leader.
                redirected = e;
            }
            catch (LedgerStoreException e) when (redirected is not null && GrpcConnection.Unreachable(e))
            {
                throw connection.LeaderUnreachable(redirected, "read of all", e);
            }
        }
    }

    /// <summary>
    /// One Read call, read to its end: the events, and whether the server said the stream was not found. A not-leader
    /// reply (which comes before any event) sends the call again to the leader it names.
    /// </summary>
    private async Task<Page> ReadPageAsync(ReadReq request, string operation, StreamName? stream,
        CancellationToken cancellationToken)
    {
        var started = diagnostics.Start();
        NotLeaderException? redirected = null;
        for (var redirects = 0; ; redirects++)
        {
            try
            {
                var page = await ReadPageOnceAsync(request, operation, stream, cancellationToken).ConfigureAwait(false);
                diagnostics.IfSlow("read", started, page.Events.Count);
                return page;
            }
            catch (NotLeaderException e) when (connection.FollowLeader(e, redirects))
            {
                // The page is read whole before it is handed on, so nothing of it was seen yet: read it from the leader.
                redirected = e;
            }
            catch (LedgerStoreException e) when (redirected is not null && GrpcConnection.Unreachable(e))
            {
                throw connection.LeaderUnreachable(redirected, operation, e);
            }
        }
    }

    private async Task<Page> ReadPageOnceAsync(ReadReq request, string operation, StreamName? stream,
        CancellationToken cancellationToken)
    {
        var events = new List<StoredEvent>();
        var where = connection.Settings.Where;
        await foreach (var response in RawAsync(request, operation, stream, cancellationToken).ConfigureAwait(false))
        {
            switch (response.ContentCase)
            {
                case ReadResp.ContentOneofCase.Event:
                    events.Add(EventDecoder.Decode(response.Event, names, where));
                    break;
                case ReadResp.ContentOneofCase.StreamNotFound:
                    return new Page(events, StreamNotFound: true);
            }
        }

        return new Page(events, StreamNotFound: false);
    }

    private async IAsyncEnumerable<ReadResp> RawAsync(ReadReq request, string operation, StreamName? stream,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var call = connection.Streams.Read(request, connection.Call(cancellationToken));
        while (await NextAsync(call.ResponseStream, operation, stream, cancellationToken).ConfigureAwait(false))
        {
            yield return call.ResponseStream.Current;
        }
    }

    private async Task<bool> NextAsync(IAsyncStreamReader<ReadResp> responses, string operation, StreamName? stream,
        CancellationToken cancellationToken)
    {
        try
        {
            return await responses.MoveNext(cancellationToken).ConfigureAwait(false);
        }
        catch (RpcException e) when (e.Trailers.GetValue("exception") == "stream-not-found")
        {
            return false; // 20.6 servers report a missing stream as an error
        }
        catch (RpcException e)
        {
            throw RpcErrors.For(e, cancellationToken, connection.Settings, operation, stream);
        }
    }
}

/// <summary>The events of one Read call; <c>StreamNotFound</c> when the server answered that the stream has none.</summary>
internal readonly record struct Page(List<StoredEvent> Events, bool StreamNotFound);
