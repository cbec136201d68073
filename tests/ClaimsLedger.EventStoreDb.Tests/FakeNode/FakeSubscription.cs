using ClaimsLedger.EventStoreDb.Protocol;
using Grpc.Core;
using static ClaimsLedger.EventStoreDb.Protocol.ReadReq.Types.Options;
using static ClaimsLedger.EventStoreDb.Protocol.ReadReq.Types.Options.Types;

namespace ClaimsLedger.EventStoreDb.Tests.FakeNode;

/// <summary>
/// A catch-up subscription to $all as the sheet describes it (section 9): confirmation first, then the events after
/// the start (exclusive), a checkpoint every window × multiplier scanned events and at the end of catch-up (filtered
/// subscriptions), caught_up, then live events. It never ends by itself.
/// </summary>
internal static class FakeSubscription
{
    private const int Window = 32;

    public static async Task RunAsync(FakeLog log, ReadReq.Types.Options o, IServerStreamWriter<ReadResp> responses,
        int? dropAfter, CancellationToken cancellationToken)
    {
        var sent = 0;
        await responses.WriteAsync(new ReadResp { Confirmation = new() { SubscriptionId = Guid.NewGuid().ToString("N") } },
            cancellationToken);
        var filtered = o.FilterOptionCase == FilterOptionOneofCase.Filter;
        var interval = Window * (int)Math.Max(1, o.Filter?.CheckpointIntervalMultiplier ?? 1);
        var all = log.All();
        var next = o.All.AllOptionCase switch
        {
            AllOptions.AllOptionOneofCase.Position =>
                all.Count(e => !e.IsAfter(o.All.Position.CommitPosition, o.All.Position.PreparePosition)),
            AllOptions.AllOptionOneofCase.End => all.Count,
            _ => 0,
        };
        var scanned = 0;
        var caughtUp = false;
        while (!cancellationToken.IsCancellationRequested)
        {
            var changed = log.Changed;
            all = log.All();
            for (; next < all.Count; next++)
            {
                var e = all[next];
                if (FakeReads.Matches(o, e))
                {
                    if (sent++ == dropAfter)
                    {
                        throw FakeErrors.Fail(StatusCode.Unavailable, "Server Is Too Busy");
                    }

                    await responses.WriteAsync(FakeReads.Event(e, o), cancellationToken);
                }

                if (filtered && ++scanned % interval == 0)
                {
                    await responses.WriteAsync(Checkpoint(e), cancellationToken);
                }
            }

            if (!caughtUp)
            {
                if (filtered && all.Count > 0)
                {
                    await responses.WriteAsync(Checkpoint(all[^1]), cancellationToken);
                }

                await responses.WriteAsync(new ReadResp { CaughtUp = new() }, cancellationToken);
                caughtUp = true;
            }

            await changed.WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    private static ReadResp Checkpoint(FakeRecord e) =>
        new() { Checkpoint = new() { CommitPosition = e.Commit, PreparePosition = e.Prepare } };
}
