using System.Globalization;
using ClaimsLedger.EventStoreDb.Connection;
using ClaimsLedger.Storage;
using Grpc.Core;

namespace ClaimsLedger.EventStoreDb.Errors;

/// <summary>
/// Turns a failed call into a ledger error that names the node, the stream and the user (never the password). The
/// server's <c>exception</c> trailer decides first; the gRPC status only when there is none.
/// </summary>
internal static class RpcErrors
{
    /// <summary>What to throw for a failed call: cancellation by the caller stays an <see cref="OperationCanceledException"/>.</summary>
    public static Exception For(RpcException error, CancellationToken cancellationToken, ConnectionSettings settings,
        string operation, StreamName? stream = null) =>
        error.StatusCode == StatusCode.Cancelled && cancellationToken.IsCancellationRequested
            ? new OperationCanceledException("the call was cancelled", error, cancellationToken)
            : Translate(error, settings, operation, stream);

    /// <param name="error">The failure.</param>
    /// <param name="settings">Where the call went.</param>
    /// <param name="operation">What was attempted, e.g. "append" or "read of all".</param>
    /// <param name="stream">The ledger stream involved, if any.</param>
    public static LedgerStoreException Translate(RpcException error, ConnectionSettings settings, string operation,
        StreamName? stream = null)
    {
        var where = settings.Where;
        var target = stream is { } name ? $"{operation} of '{name}'" : operation;
        var appending = operation == "append";
        return error.Trailers.GetValue("exception") switch
        {
            "stream-deleted" => StreamDeletedException.For(
                stream ?? new StreamName(error.Trailers.GetValue("stream-name") ?? "?"), where, operation, error),
            "not-leader" => NotLeaderException.For(where, error.Trailers.GetValue("leader-endpoint-host") ?? "?",
                Number(error.Trailers.GetValue("leader-endpoint-port")) is { } port ? (int)port : 0, operation, error),
            "maximum-append-size-exceeded" => new AppendTooLargeException(stream ?? default, where,
                Number(error.Trailers.GetValue("maximum-append-size")), "the append", error),
            "maximum-append-event-size-exceeded" => new AppendTooLargeException(stream ?? default, where,
                Number(error.Trailers.GetValue("maximum-append-event-size")),
                $"event {error.Trailers.GetValue("event-id")} ({error.Trailers.GetValue("proposed-append-event-size")} bytes)", error),
            "access-denied" => Denied(where, settings, target, error),
            "stream-not-found" => new LedgerStoreException(
                $"EventStoreDB at {where} answered the {target} that stream " +
                $"'{stream?.ToString() ?? error.Trailers.GetValue("stream-name") ?? "?"}' is not found (a 20.6 server's " +
                $"reply; reads take it as an empty stream): {error.Status.Detail}", error),
            { } exception => new LedgerStoreException(
                $"EventStoreDB at {where} refused the {target}: {exception} ({error.Status.Detail})", error),
            null => ByStatus(error, settings, target, appending, stream),
        };
    }

    private static LedgerStoreException ByStatus(RpcException error, ConnectionSettings settings, string target, bool appending,
        StreamName? stream)
    {
        var where = settings.Where;
        var detail = Detail(error);
        return error.StatusCode switch
        {
            // Over the gRPC message limit (sheet §9: about 16 MiB a message, one message per event), found by this client
            // before sending or by the server on receipt: the append call ended before the server wrote anything.
            StatusCode.ResourceExhausted when appending => new AppendTooLargeException(
                $"EventStoreDB at {where} refused the {target}: an event is over the gRPC message limit (about 16 MiB per " +
                $"event; this client sends at most {GrpcConnection.MaxSendBytes} bytes per message): {detail}; " +
                Writing.PartialAppend.NothingWritten, stream ?? default, null, error),
            StatusCode.Unavailable => new StoreUnavailableException(
                $"cannot reach EventStoreDB at {where} (tls={(settings.UseTls ? "true" : "false")}) for the {target}: {detail}" +
                $"{Outcome(appending)}", error),
            StatusCode.Unauthenticated => new StoreUnavailableException(
                $"EventStoreDB at {where} refused the credentials of {settings.User} for the {target}: {detail}", error),
            StatusCode.PermissionDenied => Denied(where, settings, target, error),
            StatusCode.DeadlineExceeded => new StoreUnavailableException(
                $"EventStoreDB at {where} did not finish the {target} within defaultDeadline " +
                $"({settings.DefaultDeadline.TotalMilliseconds.ToString(CultureInfo.InvariantCulture)} ms){Outcome(appending)}", error),
            StatusCode.Aborted => new LedgerStoreException(
                $"EventStoreDB at {where} timed out the {target} on the server: {detail}{Outcome(appending)}", error),
            StatusCode.Unimplemented => new StoreUnavailableException(
                $"the server at {where} does not implement the EventStoreDB gRPC streams protocol (the store needs EventStoreDB 22.6 or later): {detail}", error),
            StatusCode.Internal when error.Status.DebugException is not null => new StoreUnavailableException(
                $"the connection to EventStoreDB at {where} (tls={(settings.UseTls ? "true" : "false")}) failed during " +
                $"the {target}: {detail}{Outcome(appending)}", error),
            _ => new LedgerStoreException(
                $"EventStoreDB {target} failed at {where}: {error.StatusCode} {detail}{Outcome(appending)}", error),
        };
    }

    private static StoreUnavailableException Denied(string where, ConnectionSettings settings, string target, RpcException error) =>
        new($"EventStoreDB at {where} denied {settings.User} access for the {target}: the ledger needs read access " +
            "to $all and write access to its streams", error);

    // A failed call that carried the whole append may still have been written by the server.
    private static string Outcome(bool appending) => appending
        ? "; the append may or may not have been written: retrying it with the same events is safe (event ids make it idempotent)"
        : string.Empty;

    private static string Detail(RpcException error)
    {
        var detail = error.Status.Detail;
        var inner = error.Status.DebugException;
        while (inner?.InnerException is not null)
        {
            inner = inner.InnerException;
        }

        return inner is null || detail.Contains(inner.Message, StringComparison.Ordinal) ? detail : $"{detail} ({inner.Message})";
    }

    private static long? Number(string? text) =>
        long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : null;
}
