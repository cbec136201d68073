using System.Collections.Concurrent;
using System.Text;
using ClaimsLedger.EventStoreDb.Protocol;
using Grpc.Core;
using static ClaimsLedger.EventStoreDb.Protocol.ReadReq.Types.Options;

namespace ClaimsLedger.EventStoreDb.Tests.FakeNode;

/// <summary>
/// The Streams service of the fake node: Read and Append at the paths the sheet gives, bound by hand (no generated
/// server code), with the node-level checks every call goes through first: readiness, credentials, leadership.
/// </summary>
internal sealed class FakeStreamsService(FakeLog log, FakeNodeSettings settings) : FakeStreamsBinding
{
    /// <summary>Every call's method name and request headers, in arrival order.</summary>
    public ConcurrentQueue<(string Method, Metadata Headers, DateTime Deadline)> Calls { get; } = new();

    public override async Task Read(ReadReq request, IServerStreamWriter<ReadResp> responses, ServerCallContext context)
    {
        await GuardAsync("Read", context);
        var options = request.Options ?? throw FakeErrors.InvalidArgument("options are required");
        FakeReads.Validate(options);
        if (options.StreamOptionCase == StreamOptionOneofCase.Stream)
        {
            await FakeReads.StreamAsync(log, options, responses);
        }
        else if (options.CountOptionCase == CountOptionOneofCase.Subscription)
        {
            await FakeSubscription.RunAsync(log, options, responses, settings.DropSubscriptionsAfter, context.CancellationToken);
        }
        else
        {
            await FakeReads.AllAsync(log, options, responses, settings.BackwardsReadExcludesStart);
        }
    }

    public override async Task<AppendResp> Append(IAsyncStreamReader<AppendReq> requests, ServerCallContext context)
    {
        await GuardAsync("Append", context);
        if (!await requests.MoveNext(context.CancellationToken) || requests.Current.ContentCase != AppendReq.ContentOneofCase.Options)
        {
            throw FakeErrors.Fail(StatusCode.Unknown, "the first append message must carry the options");
        }

        var options = requests.Current.Options;
        var stream = Encoding.UTF8.GetString(options.StreamIdentifier.StreamName.Span);
        var events = new List<AppendReq.Types.ProposedMessage>();
        while (await requests.MoveNext(context.CancellationToken))
        {
            var message = requests.Current.ProposedMessage ?? throw FakeErrors.Fail(StatusCode.Unknown, "options sent twice");
            if (!message.Metadata.ContainsKey("type") || !message.Metadata.ContainsKey("content-type"))
            {
                throw FakeErrors.Fail(StatusCode.InvalidArgument, "Required metadata properties are missing",
                    ("exception", "missing-required-metadata-property"), ("required-metadata-properties", "type,content-type"));
            }

            events.Add(message);
        }

        var size = events.Sum(e => e.Data.Length + e.CustomMetadata.Length + (2 * e.Metadata["type"].Length));
        if (size > settings.MaxAppendSize)
        {
            throw FakeErrors.Fail(StatusCode.InvalidArgument, $"Maximum Append Size of {settings.MaxAppendSize} Exceeded.",
                ("exception", "maximum-append-size-exceeded"), ("maximum-append-size", $"{settings.MaxAppendSize}"));
        }

        settings.OnAppend?.Invoke(stream);
        return log.Append(stream, options, events);
    }

    private async Task GuardAsync(string method, ServerCallContext context)
    {
        Calls.Enqueue((method, context.RequestHeaders, context.Deadline));
        if (settings.Stall)
        {
            await Task.Delay(Timeout.Infinite, context.CancellationToken);
        }

        if (settings.NotReady)
        {
            throw FakeErrors.Fail(StatusCode.Unavailable, "Server Is Not Ready");
        }

        if (settings.Users.Count > 0)
        {
            var authorization = context.RequestHeaders.GetValue("authorization");
            if (authorization is null)
            {
                throw FakeErrors.Fail(StatusCode.PermissionDenied, "Access Denied", ("exception", "access-denied"));
            }

            var pair = Encoding.UTF8.GetString(Convert.FromBase64String(authorization["Basic ".Length..])).Split(':', 2);
            if (!settings.Users.TryGetValue(pair[0], out var password) || password != pair[1])
            {
                throw FakeErrors.Fail(StatusCode.Unauthenticated, "Bad credentials");
            }
        }

        if ((method == "Append" ? settings.Leader ?? settings.AppendLeader : settings.Leader) is var (host, port)
            && string.Equals(context.RequestHeaders.GetValue("requires-leader"), "true", StringComparison.OrdinalIgnoreCase))
        {
            throw FakeErrors.Fail(StatusCode.NotFound, "Leader info available", ("exception", "not-leader"),
                ("leader-endpoint-host", host), ("leader-endpoint-port", $"{port}"));
        }
    }
}
