using System.Text;
using ClaimsLedger.EventStoreDb.Protocol;
using Grpc.Core;
using Grpc.Net.Client;

namespace ClaimsLedger.EventStoreDb.Connection;

/// <summary>
/// One gRPC channel to one node, and the headers every call carries: Basic credentials, <c>requires-leader</c>,
/// <c>connection-name</c>. Finite calls get the <c>defaultDeadline</c>; subscriptions get none.
/// </summary>
internal sealed class GrpcConnection : IDisposable
{
    private const int MaxReceiveBytes = 17 * 1024 * 1024;

    private readonly GrpcChannel _channel;
    private readonly Metadata _headers;

    private GrpcConnection(ConnectionSettings settings, GrpcChannel channel)
    {
        Settings = settings;
        _channel = channel;
        Streams = new Streams.StreamsClient(channel);
        _headers = new Metadata
        {
            { "requires-leader", settings.RequiresLeader ? "true" : "false" },
            { "connection-name", settings.ConnectionName },
        };
        if (settings.UserName is not null)
        {
            var token = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{settings.UserName}:{settings.Password}"));
            _headers.Add("authorization", "Basic " + token);
        }
    }

    public ConnectionSettings Settings { get; }

    public Streams.StreamsClient Streams { get; }

    /// <exception cref="ArgumentException">A TLS file named in the connection string cannot be used.</exception>
    public static GrpcConnection Open(ConnectionSettings settings)
    {
        var handler = new SocketsHttpHandler
        {
            EnableMultipleHttp2Connections = true,
            PooledConnectionIdleTimeout = Timeout.InfiniteTimeSpan,
            ConnectTimeout = settings.DefaultDeadline,
            KeepAlivePingDelay = settings.KeepAliveInterval ?? Timeout.InfiniteTimeSpan,
            KeepAlivePingTimeout = settings.KeepAliveTimeout ?? Timeout.InfiniteTimeSpan,
            KeepAlivePingPolicy = HttpKeepAlivePingPolicy.Always,
        };
        if (settings.UseTls)
        {
            handler.SslOptions = TlsOptions.Create(settings);
        }

        var channel = GrpcChannel.ForAddress(settings.Address, new GrpcChannelOptions
        {
            HttpHandler = handler,
            DisposeHttpClient = true,
            MaxReceiveMessageSize = MaxReceiveBytes,
            MaxSendMessageSize = null,
        });
        return new GrpcConnection(settings, channel);
    }

    /// <summary>Options for one call: the headers, and the default deadline unless it is a subscription.</summary>
    public CallOptions Call(CancellationToken cancellationToken, bool withDeadline = true) =>
        new(_headers, withDeadline ? DateTime.UtcNow + Settings.DefaultDeadline : null, cancellationToken);

    public void Dispose() => _channel.Dispose();
}
