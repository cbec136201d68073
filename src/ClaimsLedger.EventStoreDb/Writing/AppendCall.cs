using ClaimsLedger.EventStoreDb.Connection;
using ClaimsLedger.EventStoreDb.Errors;
using ClaimsLedger.EventStoreDb.Protocol;
using ClaimsLedger.EventStoreDb.Wire;
using ClaimsLedger.Storage;
using Google.Protobuf;
using Grpc.Core;

namespace ClaimsLedger.EventStoreDb.Writing;

/// <summary>What the server answered to one append: success with the stream's last revision, or a conflict.</summary>
internal readonly record struct AppendOutcome(bool Succeeded, long? Revision);

/// <summary>
/// One Append call: the options message, one proposed message per event, then the single response. Cancellation stops
/// the call while it is being sent; once the request is complete the store waits for the answer (bounded by the
/// deadline), so that it knows whether the append was written.
/// </summary>
internal static class AppendCall
{
    /// <summary>
    /// Sends the append; a not-leader reply (nothing was written, sheet §6) sends it again to the leader it names.
    /// </summary>
    public static async Task<AppendOutcome> SendAsync(GrpcConnection connection, LedgerStreamNames names, StreamAppend part,
        long? expectedRevision, byte[][] customMetadata, CancellationToken cancellationToken)
    {
        NotLeaderException? redirected = null;
        for (var redirects = 0; ; redirects++)
        {
            try
            {
                return await SendOnceAsync(connection, names, part, expectedRevision, customMetadata, cancellationToken)
                    .ConfigureAwait(false);
            }
            catch (NotLeaderException e) when (connection.FollowLeader(e, redirects))
            {
                // The follower wrote nothing: the same append goes to the leader, with the same ids and expected revision.
                redirected = e;
            }
            catch (LedgerStoreException e) when (redirected is not null && GrpcConnection.Unreachable(e))
            {
                throw connection.LeaderUnreachable(redirected, "append", e);
            }
        }
    }

    /// <summary>
    /// Checks that every event's gRPC message fits in <see cref="GrpcConnection.MaxSendBytes"/>, the most a server
    /// receives (sheet §9); a larger one would fail the call with RESOURCE_EXHAUSTED.
    /// </summary>
    /// <exception cref="AppendTooLargeException">An event is larger; nothing was written.</exception>
    public static void CheckMessageSizes(string where, StreamAppend part, byte[][] customMetadata)
    {
        for (var i = 0; i < part.Events.Count; i++)
        {
            var data = part.Events[i].Data.Length;
            var proposed = Requests.Proposed(part.Events[i] with { Data = ReadOnlyMemory<byte>.Empty }, customMetadata[i]);
            var inner = proposed.ProposedMessage.CalculateSize() + 1 + CodedOutputStream.ComputeLengthSize(data) + data;
            var size = 1 + CodedOutputStream.ComputeLengthSize(inner) + inner;
            if (size > GrpcConnection.MaxSendBytes)
            {
                throw new AppendTooLargeException(
                    $"the append to '{part.Stream}' cannot be sent to EventStoreDB at {where}: event {part.Events[i].EventId} " +
                    $"is {size} bytes as a gRPC message, over the {GrpcConnection.MaxSendBytes} bytes a server receives in " +
                    $"one message (about 16 MiB, whatever MaxAppendSize says); {PartialAppend.NothingWritten}",
                    part.Stream, GrpcConnection.MaxSendBytes, null);
            }
        }
    }

    private static async Task<AppendOutcome> SendOnceAsync(GrpcConnection connection, LedgerStreamNames names,
        StreamAppend part, long? expectedRevision, byte[][] customMetadata, CancellationToken cancellationToken)
    {
        using var sending = new CancellationTokenSource();
        AppendResp response;
        using (var call = connection.Streams.Append(connection.Call(sending.Token)))
        {
            var registration = cancellationToken.Register(sending.Cancel);
            try
            {
                await call.RequestStream.WriteAsync(Requests.AppendOptions(names.ToServer(part.Stream), expectedRevision),
                    CancellationToken.None).ConfigureAwait(false);
                for (var i = 0; i < part.Events.Count; i++)
                {
                    await call.RequestStream.WriteAsync(Requests.Proposed(part.Events[i], customMetadata[i]), CancellationToken.None)
                        .ConfigureAwait(false);
                }

                await call.RequestStream.CompleteAsync().ConfigureAwait(false);
            }
            catch (Exception e) when (e is RpcException or InvalidOperationException)
            {
                // The server ended the call early; its status comes with the response below.
            }
            finally
            {
                await registration.DisposeAsync().ConfigureAwait(false);
            }

            try
            {
                response = await call.ResponseAsync.ConfigureAwait(false);
            }
            catch (RpcException e)
            {
                throw RpcErrors.For(e, cancellationToken, connection.Settings, "append", part.Stream);
            }
        }

        return Decode(response, connection.Settings.Where, part.Stream);
    }

    /// <summary>The outcome an append response reports: success with the last revision, or a conflict with the actual one.</summary>
    /// <exception cref="LedgerStoreException">The response is neither.</exception>
    public static AppendOutcome Decode(AppendResp response, string where, StreamName stream) => response.ResultCase switch
    {
        AppendResp.ResultOneofCase.Success => new AppendOutcome(true,
            response.Success.CurrentRevisionOptionCase == AppendResp.Types.Success.CurrentRevisionOptionOneofCase.CurrentRevision
                ? (long)response.Success.CurrentRevision
                : null),
        AppendResp.ResultOneofCase.WrongExpectedVersion => new AppendOutcome(false, Actual(response.WrongExpectedVersion)),
        _ => throw new LedgerStoreException(
            $"EventStoreDB at {where} answered the append to '{stream}' with neither success nor wrong expected version"),
    };

    // Fields 6-7 from 20.10 on; the legacy fields 1-2 for 20.6.0 servers.
    private static long? Actual(AppendResp.Types.WrongExpectedVersion conflict) => conflict.CurrentRevisionOptionCase switch
    {
        AppendResp.Types.WrongExpectedVersion.CurrentRevisionOptionOneofCase.CurrentRevision => (long)conflict.CurrentRevision,
        AppendResp.Types.WrongExpectedVersion.CurrentRevisionOptionOneofCase.CurrentNoStream => null,
        _ => conflict.CurrentRevisionOption2060Case ==
             AppendResp.Types.WrongExpectedVersion.CurrentRevisionOption2060OneofCase.CurrentRevision2060
            ? (long)conflict.CurrentRevision2060
            : null,
    };
}
