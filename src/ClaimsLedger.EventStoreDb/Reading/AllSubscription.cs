using System.Runtime.CompilerServices;
using ClaimsLedger.EventStoreDb.Connection;
using ClaimsLedger.EventStoreDb.Errors;
using ClaimsLedger.EventStoreDb.Protocol;
using ClaimsLedger.EventStoreDb.Wire;
using ClaimsLedger.Storage;
using Grpc.Core;

namespace ClaimsLedger.EventStoreDb.Reading;

/// <summary>
/// A filtered catch-up subscription to $all: confirmation, catch-up events, checkpoints, <c>caught_up</c>, then live
/// events. If the node drops the call (restart, network) it resubscribes after the last event delivered, a few times
/// with growing pauses; only a lasting outage ends it with <see cref="StoreUnavailableException"/>. A not-leader
/// reply moves it to the leader the node names, counted as one of those attempts.
/// </summary>
internal sealed class AllSubscription(GrpcConnection connection, LedgerStreamNames names, RecordedAtResolver resolver)
{
    private const int MaxReconnects = 5;

    private enum Next
    {
        Message,
        Dropped,
        Stopped,
    }

    public async IAsyncEnumerable<RecordedEvent> RunAsync(GlobalPosition? after, CancellationToken disposed,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, disposed);
        var token = linked.Token;
        var checkpoint = after;
        DateTimeOffset? running = null;
        var redirect = new Redirect();
        for (var failures = 0; ; failures++)
        {
            using (var call = connection.Streams.Read(Requests.SubscribeToAll(checkpoint, names.FilterPrefixes),
                       connection.Call(token, withDeadline: false)))
            {
                Next next;
                while ((next = await NextAsync(call.ResponseStream, redirect, cancellationToken, token).ConfigureAwait(false)) == Next.Message)
                {
                    var response = call.ResponseStream.Current;
                    redirect.Reply = null; // the node answered: a redirect to it worked
                    if (response.ContentCase != ReadResp.ContentOneofCase.Event)
                    {
                        continue; // confirmation, checkpoint, caught_up, fell_behind
                    }

                    var e = EventDecoder.Decode(response.Event, names, connection.Settings.Where);
                    running = running is { } r ? (r > e.Stamp ? r : e.Stamp)
                        : checkpoint is null ? e.Stamp
                        : await resolver.PrefixMaxAsync(e, token).ConfigureAwait(false);
                    checkpoint = e.Position;
                    failures = 0;
                    yield return e.ToRecorded(running.Value);
                }

                if (next == Next.Stopped)
                {
                    yield break;
                }
            }

            if (failures >= MaxReconnects)
            {
                throw new StoreUnavailableException(
                    $"the subscription to all on EventStoreDB at {connection.Settings.Where} was dropped and could not be " +
                    $"resumed after {MaxReconnects} attempts");
            }

            // A wait, not a clock reading: real time even when the store clock is a test fake.
            await Task.Delay(TimeSpan.FromMilliseconds(200 << failures), token).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            cancellationToken.ThrowIfCancellationRequested();
            if (disposed.IsCancellationRequested)
            {
                yield break;
            }
        }
    }

    /// <summary>Waits for the next message: Dropped when the node ended the call, Stopped when the store was disposed.</summary>
    private async Task<Next> NextAsync(IAsyncStreamReader<ReadResp> responses, Redirect redirect, CancellationToken caller,
        CancellationToken token)
    {
        try
        {
            return await responses.MoveNext(token).ConfigureAwait(false) ? Next.Message : Next.Dropped;
        }
        catch (Exception e) when (e is OperationCanceledException or RpcException { StatusCode: StatusCode.Cancelled }
                                  && token.IsCancellationRequested && !caller.IsCancellationRequested)
        {
            return Next.Stopped;
        }
        catch (RpcException e) when (redirect.Reply is not null && e.StatusCode == StatusCode.Unavailable
                                     && e.Trailers.GetValue("exception") is null)
        {
            // The leader a follower named cannot be reached: back to that follower, and its reply is the error.
            throw connection.LeaderUnreachable(redirect.Reply, "subscription to all",
                RpcErrors.For(e, caller, connection.Settings, "subscription to all"));
        }
        catch (RpcException e) when (e.StatusCode is StatusCode.Unavailable or StatusCode.Aborted or StatusCode.Internal
                                         or StatusCode.Unknown && e.Trailers.GetValue("exception") is null)
        {
            return Next.Dropped;
        }
        catch (RpcException e)
        {
            var error = RpcErrors.For(e, caller, connection.Settings, "subscription to all");
            if (error is NotLeaderException notLeader && connection.FollowLeader(notLeader, redirects: 0))
            {
                redirect.Reply = notLeader;
                return Next.Dropped; // resubscribed on the leader it names, after the last event delivered
            }

            throw error;
        }
    }

    /// <summary>The not-leader reply the subscription followed, until the leader it named answers.</summary>
    private sealed class Redirect
    {
        public NotLeaderException? Reply { get; set; }
    }
}
