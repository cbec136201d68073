using System.Text;
using ClaimsLedger.EventStoreDb.Protocol;
using ClaimsLedger.Storage;
using Grpc.Core;
using Grpc.Net.Client;

namespace ClaimsLedger.EventStoreDb.Connection;

/// <summary>
/// The gRPC channels to the node named in the connection string and, after a not-leader reply, to the leader it named
/// (one channel per endpoint, kept until disposed), and the headers every call carries: Basic credentials,
/// <c>requires-leader</c>, <c>connection-name</c>. Finite calls get the <c>defaultDeadline</c>; subscriptions get none.
/// </summary>
/// <remarks>
/// Calls go to the current node. A not-leader reply means the call did nothing on that node (sheet §6), so the callers
/// switch to the leader it names (<see cref="FollowLeader"/>) and send the same call again, at most
/// <see cref="MaxRedirects"/> times per call; later calls stay on the leader. Making a channel does no network I/O, so
/// whether the leader can be reached shows only when the call sent there fails UNAVAILABLE: then calls go back to
/// the node that named it, and the caller reports the not-leader reply (<see cref="LeaderUnreachable"/>).
/// </remarks>
internal sealed class GrpcConnection : IDisposable
{
    /// <summary>How many not-leader redirects one call follows before it reports <see cref="NotLeaderException"/>.</summary>
    public const int MaxRedirects = 2;

    /// <summary>
    /// The largest message this client sends (one per event): the server's gRPC receive limit, about 16 MiB minus
    /// 10,000 bytes (sheet §9). A larger event fails here with RESOURCE_EXHAUSTED before it is sent.
    /// </summary>
    public const int MaxSendBytes = (16 * 1024 * 1024) - 10_000;

    private const int MaxReceiveBytes = 17 * 1024 * 1024;

    private readonly Lock _gate = new();
    private readonly Dictionary<string, Node> _nodes = [];
    private readonly Metadata _headers;
    private Node _current;
    private bool _disposed;

    private GrpcConnection(ConnectionSettings settings)
    {
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

        _current = Connect(settings);
        _nodes[settings.Where] = _current;
    }

    /// <summary>The settings, with the host and port of the node calls go to now.</summary>
    public ConnectionSettings Settings
    {
        get
        {
            lock (_gate)
            {
                return _current.Settings;
            }
        }
    }

    /// <summary>The Streams client of the node calls go to now.</summary>
    public Streams.StreamsClient Streams
    {
        get
        {
            lock (_gate)
            {
                ObjectDisposedException.ThrowIf(_disposed, this);
                return _current.Client;
            }
        }
    }

    /// <exception cref="ArgumentException">A TLS file named in the connection string cannot be used.</exception>
    public static GrpcConnection Open(ConnectionSettings settings) => new(settings);

    /// <summary>Options for one call: the headers, and the default deadline unless it is a subscription.</summary>
    public CallOptions Call(CancellationToken cancellationToken, bool withDeadline = true) =>
        new(_headers, withDeadline ? DateTime.UtcNow + Settings.DefaultDeadline : null, cancellationToken);

    /// <summary>
    /// After a not-leader reply to a call that has followed <paramref name="redirects"/> redirects: makes the leader it
    /// names the current node (already so when a concurrent call switched first) and returns true, so the caller sends
    /// the call again; false when the call has followed enough, the leader is unknown or the connection is disposed
    /// (the caller then reports the error), or no channel can be made to the leader. Safe in an exception filter: it
    /// throws nothing.
    /// </summary>
    public bool FollowLeader(NotLeaderException error, int redirects)
    {
        if (redirects >= MaxRedirects || error.LeaderPort is <= 0 or > 65535 || string.IsNullOrEmpty(error.LeaderHost)
            || error.LeaderHost == "?")
        {
            return false;
        }

        lock (_gate)
        {
            if (_disposed)
            {
                return false;
            }

            var leader = Leader(error);
            if (!_nodes.TryGetValue(leader.Where, out var node))
            {
                try
                {
                    node = Connect(leader);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException
                                              or UriFormatException or System.Security.Cryptography.CryptographicException)
                {
                    // No channel to the named leader (its settings cannot make one): the not-leader error, which names
                    // the leader, is the more useful report; connecting there directly shows what fails.
                    return false;
                }

                _nodes[leader.Where] = node;
            }

            _current = node;
            return true;
        }
    }

    /// <summary>
    /// True when <paramref name="error"/>, the failure of a call sent to a leader after a not-leader reply, says the
    /// leader could not be reached (UNAVAILABLE: no connection).
    /// </summary>
    public static bool Unreachable(Exception error) =>
        error is StoreUnavailableException { InnerException: RpcException { StatusCode: StatusCode.Unavailable } };

    /// <summary>
    /// The call that followed <paramref name="reply"/> to the leader it names failed with <paramref name="unavailable"/>:
    /// calls go back to the node that sent the reply (unless a concurrent call moved them elsewhere since), and the
    /// error to raise is the not-leader reply naming both nodes, the unavailable error inside.
    /// </summary>
    public NotLeaderException LeaderUnreachable(NotLeaderException reply, string operation, Exception unavailable)
    {
        lock (_gate)
        {
            var leader = Leader(reply);
            if (_current.Settings.Where == leader.Where && _nodes.TryGetValue(reply.Where, out var previous))
            {
                _current = previous;
            }
        }

        return NotLeaderException.Unreachable(reply, operation, unavailable);
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
            foreach (var node in _nodes.Values)
            {
                node.Channel.Dispose();
            }
        }
    }

    private static Node Connect(ConnectionSettings settings)
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
            MaxSendMessageSize = MaxSendBytes,
        });
        return new Node(settings, channel, new Streams.StreamsClient(channel));
    }

    private ConnectionSettings Leader(NotLeaderException reply) =>
        _current.Settings with { Host = reply.LeaderHost.Trim('[', ']'), Port = reply.LeaderPort };

    private sealed record Node(ConnectionSettings Settings, GrpcChannel Channel, Streams.StreamsClient Client);
}
