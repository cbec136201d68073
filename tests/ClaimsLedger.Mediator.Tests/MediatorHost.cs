using ClaimsLedger.Conformance;
using ClaimsLedger.Conformance.Telemetry;
using ClaimsLedger.Storage.InMemory;
using Mediator;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;

namespace ClaimsLedger.Mediator.Tests;

/// <summary>
/// An application host with an in-memory ledger, the generated mediator and the ledger's notifications, plus a
/// reference ledger on its own store that records events directly, to compare against.
/// </summary>
internal sealed class MediatorHost : IAsyncDisposable
{
    private readonly IHost _host;

    private MediatorHost(IHost host, LogCapture logs, Ledger ledger, Ledger reference)
    {
        _host = host;
        Logs = logs;
        Ledger = ledger;
        Reference = reference;
    }

    public FakeTimeProvider Clock { get; } = new(SampleEvents.After);

    public Ledger Ledger { get; }

    /// <summary>Everything the host logged.</summary>
    public LogCapture Logs { get; }

    /// <summary>A second ledger with the same clock, recording the expected events directly.</summary>
    public Ledger Reference { get; }

    public IMediator Mediator => _host.Services.GetRequiredService<IMediator>();

    public Notifications Notifications => _host.Services.GetRequiredService<Notifications>();

    public static async Task<MediatorHost> StartAsync()
    {
        var clock = new FakeTimeProvider(SampleEvents.After);
        var logs = new LogCapture();
        var host = TestHosts.Build((services, _) => services
            .AddSingleton<TimeProvider>(clock)
            .AddSingleton<Notifications>()
            .AddMediator()
            .AddClaimsLedger(b => b.UseInMemory().PublishToMediator()), logs);
        await host.StartAsync();
        var reference = await Ledger.OpenAsync(new InMemoryEventStore(clock), new LedgerOptions { Clock = clock });
        return new MediatorHost(host, logs, await host.LedgerAsync(), reference);
    }

    /// <summary>Records the same events on both ledgers (the scenario a test starts from).</summary>
    public async Task SeedAsync(params IReadOnlyList<Events.LedgerEvent> events)
    {
        await Ledger.RecordAsync(events);
        await Reference.RecordAsync(events);
        Notifications.Clear();
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }
}
