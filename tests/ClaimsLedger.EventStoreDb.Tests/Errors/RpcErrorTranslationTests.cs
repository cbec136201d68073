using ClaimsLedger.EventStoreDb.Connection;
using ClaimsLedger.EventStoreDb.Errors;
using ClaimsLedger.Storage;
using Grpc.Core;

namespace ClaimsLedger.EventStoreDb.Tests.Errors;

/// <summary>
/// Failures the fake node does not produce, built by hand as the protocol sheet (sections 6 and 9) describes them, and
/// the ledger error each becomes.
/// </summary>
public sealed class RpcErrorTranslationTests
{
    private static readonly ConnectionSettings Settings = ConnectionString.Parse("esdb://db.example:2113?tls=false");
    private static readonly StreamName Stream = new("claim:translated");

    [Fact]
    public void An_append_over_the_grpc_message_limit_is_too_large_and_wrote_nothing()
    {
        var error = Translate(StatusCode.ResourceExhausted, "Received message larger than max (17000000 vs. 16767216)",
            "append");

        var tooLarge = Assert.IsType<AppendTooLargeException>(error);
        Assert.Equal(Stream, tooLarge.Stream);
        Assert.Contains("refused the append of 'claim:translated': an event is over the gRPC message limit",
            error.Message, StringComparison.Ordinal);
        Assert.EndsWith("; nothing was written", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("may or may not", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_server_timeout_of_an_append_says_the_outcome_is_unknown_and_a_retry_is_safe()
    {
        var error = Translate(StatusCode.Aborted, "Operation timed out: Didn't receive the commit ack", "append");

        Assert.Equal(typeof(LedgerStoreException), error.GetType());
        Assert.Contains("db.example:2113 timed out the append of 'claim:translated' on the server: Operation timed out",
            error.Message, StringComparison.Ordinal);
        Assert.Contains("the append may or may not have been written: retrying it with the same events is safe",
            error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_server_timeout_of_a_read_says_nothing_about_writes()
    {
        var error = Translate(StatusCode.Aborted, "Operation timed out", "read of all", stream: null);

        Assert.Contains("timed out the read of all on the server", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("written", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void One_event_over_the_per_event_limit_is_too_large_naming_the_event_and_both_sizes()
    {
        var error = Translate(StatusCode.InvalidArgument, "Maximum Append Event Size Exceeded", "append",
            ("exception", "maximum-append-event-size-exceeded"), ("maximum-append-event-size", "4096"),
            ("event-id", "4c1f3b9e-0000-4000-8000-000000000001"), ("proposed-append-event-size", "5000"));

        var tooLarge = Assert.IsType<AppendTooLargeException>(error);
        Assert.Equal(4096, tooLarge.Limit);
        Assert.Contains("event 4c1f3b9e-0000-4000-8000-000000000001 (5000 bytes) is over the server's limit of 4096 bytes",
            error.Message, StringComparison.Ordinal);
        Assert.EndsWith("; nothing was written", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_20_6_stream_not_found_error_names_the_stream_and_is_not_taken_for_a_deletion()
    {
        var error = Translate(StatusCode.NotFound, "Event stream 'ledger-claim:translated' is not found.", "read",
            ("exception", "stream-not-found"), ("stream-name", "ledger-claim:translated"));

        Assert.Equal(typeof(LedgerStoreException), error.GetType());
        Assert.Contains("answered the read of 'claim:translated' that stream 'claim:translated' is not found (a 20.6",
            error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_tombstoned_stream_found_by_a_read_says_nothing_was_read_and_by_an_append_nothing_was_written()
    {
        var onRead = Translate(StatusCode.FailedPrecondition, "Event stream is deleted.", "read",
            ("exception", "stream-deleted"), ("stream-name", "ledger-claim:translated"));
        var onAppend = Translate(StatusCode.FailedPrecondition, "Event stream is deleted.", "append",
            ("exception", "stream-deleted"), ("stream-name", "ledger-claim:translated"));

        Assert.EndsWith("it can no longer be read or written; nothing was read", onRead.Message, StringComparison.Ordinal);
        Assert.EndsWith("it can no longer be read or written; nothing was written", onAppend.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_not_leader_reply_to_a_read_says_the_read_was_not_served_and_to_an_append_nothing_was_written()
    {
        (string, string)[] leader = [("exception", "not-leader"), ("leader-endpoint-host", "10.0.0.2"), ("leader-endpoint-port", "2113")];

        var onRead = Assert.IsType<NotLeaderException>(Translate(StatusCode.NotFound, "Leader info available", "read of all", leader));
        var onAppend = Assert.IsType<NotLeaderException>(Translate(StatusCode.NotFound, "Leader info available", "append", leader));

        Assert.Equal(("10.0.0.2", 2113), (onRead.LeaderHost, onRead.LeaderPort));
        Assert.EndsWith("; the read of all was not served", onRead.Message, StringComparison.Ordinal);
        Assert.EndsWith("; nothing was written", onAppend.Message, StringComparison.Ordinal);
    }

    private static LedgerStoreException Translate(StatusCode code, string detail, string operation,
        params (string Key, string Value)[] trailers) => Translate(code, detail, operation, Stream, trailers);

    private static LedgerStoreException Translate(StatusCode code, string detail, string operation, StreamName? stream,
        params (string Key, string Value)[] trailers)
    {
        var metadata = new Metadata();
        foreach (var (key, value) in trailers)
        {
            metadata.Add(key, value);
        }

        return RpcErrors.Translate(new RpcException(new Status(code, detail), metadata), Settings, operation, stream);
    }
}
