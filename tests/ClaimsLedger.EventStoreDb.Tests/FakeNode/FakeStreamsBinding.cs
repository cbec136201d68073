using ClaimsLedger.EventStoreDb.Protocol;
using Google.Protobuf;
using Grpc.Core;

namespace ClaimsLedger.EventStoreDb.Tests.FakeNode;

/// <summary>
/// Binds Read and Append at the method paths of the protocol sheet (section 1), written out here rather than taken
/// from the product's generated code, so that a wrong package or service name in the product's .proto fails the
/// tests with UNIMPLEMENTED.
/// </summary>
[BindServiceMethod(typeof(FakeStreamsBinding), nameof(BindService))]
internal abstract class FakeStreamsBinding
{
    private const string Service = "event_store.client.streams.Streams";

    private static readonly Method<ReadReq, ReadResp> ReadMethod = new(MethodType.ServerStreaming, Service, "Read",
        Marshallers.Create(m => m.ToByteArray(), ReadReq.Parser.ParseFrom),
        Marshallers.Create(m => m.ToByteArray(), ReadResp.Parser.ParseFrom));

    private static readonly Method<AppendReq, AppendResp> AppendMethod = new(MethodType.ClientStreaming, Service, "Append",
        Marshallers.Create(m => m.ToByteArray(), AppendReq.Parser.ParseFrom),
        Marshallers.Create(m => m.ToByteArray(), AppendResp.Parser.ParseFrom));

    public static void BindService(ServiceBinderBase binder, FakeStreamsBinding? service)
    {
        ArgumentNullException.ThrowIfNull(binder);
        binder.AddMethod(ReadMethod, service is null ? null : service.Read);
        binder.AddMethod(AppendMethod, service is null ? null : service.Append);
    }

    public abstract Task Read(ReadReq request, IServerStreamWriter<ReadResp> responses, ServerCallContext context);

    public abstract Task<AppendResp> Append(IAsyncStreamReader<AppendReq> requests, ServerCallContext context);
}
