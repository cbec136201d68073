using Grpc.Core;

namespace ClaimsLedger.EventStoreDb.Tests.FakeNode;

/// <summary>Failures as the protocol sheet (section 6) describes them: a status, and the <c>exception</c> trailers.</summary>
internal static class FakeErrors
{
    public static RpcException Fail(StatusCode code, string detail, params (string Key, string Value)[] trailers)
    {
        var metadata = new Metadata();
        foreach (var (key, value) in trailers)
        {
            metadata.Add(key, value);
        }

        return new RpcException(new Status(code, detail), metadata);
    }

    public static RpcException StreamDeleted(string stream) =>
        Fail(StatusCode.FailedPrecondition, $"Event stream '{stream}' is deleted.", ("exception", "stream-deleted"),
            ("stream-name", stream));

    public static RpcException InvalidArgument(string detail) => Fail(StatusCode.InvalidArgument, detail);
}
