using System.Net;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ClaimsLedger.EventStoreDb.Tests.FakeNode;

/// <summary>
/// An in-process stand-in for one EventStoreDB node, following shared/protocols/eventstoredb-streams-v1.md: Kestrel on
/// 127.0.0.1 with HTTP/2 (h2c, or TLS when given a certificate), the Streams service, an in-memory log. It exercises
/// the client's encoding of every message; it is not a substitute for a real server.
/// </summary>
internal sealed class FakeEventStoreNode : IAsyncDisposable
{
    private readonly WebApplication _app;

    private FakeEventStoreNode(WebApplication app, FakeLog log, FakeNodeSettings settings, FakeStreamsService service, int port)
    {
        _app = app;
        Log = log;
        Settings = settings;
        Service = service;
        Port = port;
    }

    public FakeLog Log { get; }

    public FakeNodeSettings Settings { get; }

    public FakeStreamsService Service { get; }

    public int Port { get; }

    /// <summary>A connection string to this node, with more <c>key=value</c> settings if given.</summary>
    public string ConnectionString(string settings = "") =>
        $"esdb://127.0.0.1:{Port}?tls=false{(settings.Length > 0 ? "&" + settings : "")}";

    /// <summary>
    /// Starts a node; given the <paramref name="log"/> of another node, the two form a cluster with one log. With a
    /// <paramref name="certificate"/> it speaks TLS, presenting the intermediate CAs of <paramref name="chain"/> too.
    /// </summary>
    public static async Task<FakeEventStoreNode> StartAsync(X509Certificate2? certificate = null, FakeLog? log = null,
        X509Certificate2Collection? chain = null)
    {
        log ??= new FakeLog();
        var settings = new FakeNodeSettings();
        var service = new FakeStreamsService(log, settings);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen =>
        {
            listen.Protocols = HttpProtocols.Http2;
            if (certificate is not null)
            {
                listen.UseHttps(new HttpsConnectionAdapterOptions { ServerCertificate = certificate, ServerCertificateChain = chain });
            }
        }));
        builder.Services.AddGrpc(grpc => grpc.MaxReceiveMessageSize = 16 * 1024 * 1024);
        builder.Services.AddSingleton(service);
        var app = builder.Build();
        app.MapGrpcService<FakeStreamsService>();
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!
            .Addresses.Single();
        return new FakeEventStoreNode(app, log, settings, service, new Uri(address).Port);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
