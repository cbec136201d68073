using ClaimsLedger.Conformance;
using ClaimsLedger.Conformance.Telemetry;
using ClaimsLedger.DependencyInjection;
using ClaimsLedger.Events;
using ClaimsLedger.EventStoreDb.Tests.FakeNode;
using ClaimsLedger.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace ClaimsLedger.EventStoreDb.Tests.DependencyInjection;

/// <summary>AddClaimsLedger with UseEventStoreDb, against the fake node.</summary>
public sealed class EventStoreDbRegistrationTests : FakeNodeTest
{
    private static readonly DateTimeOffset Now = new(2023, 6, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task A_ledger_registered_on_eventstoredb_records_and_reads_back()
    {
        await using var services = new ServiceCollection()
            .AddSingleton<TimeProvider>(new FakeTimeProvider(Now))
            .AddClaimsLedger(b => b.UseEventStoreDb(Node.ConnectionString()))
            .Services.BuildServiceProvider();

        var ledger = await services.GetRequiredService<ILedgerProvider>().GetLedgerAsync();
        await ledger.RecordAsync(new ClaimRegistered("c", "A claim"));

        Assert.IsType<EventStoreDbEventStore>(ledger.Store);
        Assert.Equal(1, ledger.EventCount);
        Assert.Equal(Now, (await ledger.Store.ReadLastAsync())!.RecordedAt);
    }

    [Fact]
    public async Task The_connection_string_and_prefix_come_from_configuration()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ClaimsLedger:EventStoreDb:ConnectionString"] = Node.ConnectionString(),
            ["ClaimsLedger:EventStoreDb:StreamPrefix"] = "newsroom/",
        }).Build();
        await using var services = new ServiceCollection()
            .AddClaimsLedger(configuration.GetSection("ClaimsLedger"), b => b.UseEventStoreDb())
            .Services.BuildServiceProvider();

        var ledger = await services.GetRequiredService<ILedgerProvider>().GetLedgerAsync();
        await ledger.RecordAsync(new ClaimRegistered("c", "A claim"));

        Assert.NotNull(Node.Log.Stream("newsroom/claim:c"));
    }

    [Fact]
    public async Task The_containers_loggers_receive_the_stores_slow_call_warnings()
    {
        var logs = new LogCapture();
        using var host = TestHosts.Build((services, configuration) => services.AddClaimsLedger(
                configuration.GetSection("ClaimsLedger"), b => b.UseEventStoreDb()), logs,
            ("ClaimsLedger:EventStoreDb:ConnectionString", Node.ConnectionString()),
            ("ClaimsLedger:EventStoreDb:SlowQueryThreshold", "00:00:00"));
        await host.StartAsync();

        await (await host.LedgerAsync()).RecordAsync(new ClaimRegistered("c", "A claim"));

        Assert.Contains(logs.WithId(103), r => Equals(r.Values["Operation"], "append") && r.Level == LogLevel.Warning);
    }

    [Fact]
    public async Task A_missing_connection_string_is_named_when_the_ledger_opens()
    {
        using var host = TestHosts.Build((services, configuration) =>
            services.AddClaimsLedger(configuration.GetSection("ClaimsLedger"), b => b.UseEventStoreDb()));

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Equal("invalid setting ClaimsLedger:EventStoreDb:ConnectionString: EventStoreDbStoreOptions.ConnectionString is required",
            Assert.Single(error.Failures));
    }

    [Fact]
    public async Task An_invalid_stream_prefix_is_named_by_its_configuration_key()
    {
        using var host = TestHosts.Build((services, configuration) =>
                services.AddClaimsLedger(configuration.GetSection("ClaimsLedger"), b => b.UseEventStoreDb()),
            settings: [("ClaimsLedger:EventStoreDb:ConnectionString", Node.ConnectionString()), ("ClaimsLedger:EventStoreDb:StreamPrefix", "$system/")]);

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.StartsWith("invalid setting ClaimsLedger:EventStoreDb:StreamPrefix: EventStoreDbStoreOptions.StreamPrefix '$system/' is not valid",
            Assert.Single(error.Failures), StringComparison.Ordinal);
    }
}
