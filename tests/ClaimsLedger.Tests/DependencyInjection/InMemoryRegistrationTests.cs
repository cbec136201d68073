using ClaimsLedger.Conformance;
using ClaimsLedger.DependencyInjection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace ClaimsLedger.Tests.DependencyInjection;

/// <summary>AddClaimsLedger with the in-memory store, in a host as an application uses it.</summary>
public sealed class InMemoryRegistrationTests
{
    [Fact]
    public async Task A_ledger_registered_in_memory_records_and_reads_back()
    {
        using var host = TestHosts.Build((services, _) => services.AddClaimsLedger(b => b.UseInMemory()));
        await host.StartAsync();

        var ledger = await host.LedgerAsync();
        await ledger.RecordAsync([.. SampleEvents.Uncontested, SampleEvents.Assertion]);

        var claim = await ledger.GetClaimAsync(SampleEvents.Claim, ledger.Now());
        Assert.True(claim!.Contested);
    }

    [Fact]
    public async Task The_ledger_opens_once_at_host_start_and_every_caller_shares_it()
    {
        var store = new CountingStore();
        using var host = TestHosts.Build((services, _) => services.AddClaimsLedger(b => b.UseStore("counting", store.OpenAsync)));

        await host.StartAsync();
        Assert.Equal(1, store.Opened);

        var ledgers = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => host.LedgerAsync()));
        Assert.All(ledgers, ledger => Assert.Same(ledgers[0], ledger));
        Assert.Equal(1, store.Opened);
    }

    [Fact]
    public async Task Settings_come_from_the_configuration_section()
    {
        var store = new CountingStore();
        using var host = TestHosts.Build(
            (services, configuration) => services.AddClaimsLedger(configuration.GetSection("ClaimsLedger"),
                b => b.UseStore("counting", store.OpenAsync)),
            null, ("ClaimsLedger:ConcurrencyRetries", "2"), ("ClaimsLedger:OpenOnStart", "false"));

        await host.StartAsync();

        Assert.Equal(2, host.Services.GetRequiredService<IOptions<LedgerServiceOptions>>().Value.ConcurrencyRetries);
        Assert.Equal(0, store.Opened);
        await host.LedgerAsync();
        Assert.Equal(1, store.Opened);
    }

    [Fact]
    public async Task A_snapshot_path_in_configuration_is_where_the_ledger_saves_and_loads_its_snapshot()
    {
        var folder = Directory.CreateTempSubdirectory("claims-di-");
        try
        {
            var path = Path.Combine(folder.FullName, "ledger.snapshot");
            var store = new CountingStore();
            using var host = TestHosts.Build(
                (services, configuration) => services.AddClaimsLedger(configuration.GetSection("ClaimsLedger"),
                    b => b.UseStore("counting", store.OpenAsync)),
                null, ("ClaimsLedger:SnapshotPath", path));
            await host.StartAsync();
            var ledger = await host.LedgerAsync();
            await ledger.RecordAsync(SampleEvents.Uncontested);

            var saved = await ledger.SaveSnapshotAsync();
            var reopened = await Ledger.OpenAsync(ledger.Store, new LedgerOptions
            {
                Clock = ledger.Clock,
                Snapshots = new ClaimsLedger.Snapshots.FileSnapshotStore(path),
            });

            Assert.True(File.Exists(path));
            Assert.Equal(ClaimsLedger.Snapshots.SnapshotOutcome.Used, reopened.Snapshot.Outcome);
            Assert.Equal(saved!.Events, reopened.Snapshot.Events);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public void Settings_changed_in_code_win_over_configuration()
    {
        using var host = TestHosts.Build(
            (services, configuration) => services.AddClaimsLedger(configuration.GetSection("ClaimsLedger"),
                b => b.UseInMemory().Configure(settings => settings.ConcurrencyRetries = 7)),
            null, ("ClaimsLedger:ConcurrencyRetries", "2"));

        Assert.Equal(7, host.Services.GetRequiredService<IOptions<LedgerServiceOptions>>().Value.ConcurrencyRetries);
    }

    [Fact]
    public async Task The_clock_registered_in_the_container_is_the_ledger_clock_and_stamps_recordedAt()
    {
        var clock = new FakeTimeProvider(SampleEvents.After);
        var store = new CountingStore();
        using var host = TestHosts.Build((services, _) => services
            .AddSingleton<TimeProvider>(clock)
            .AddClaimsLedger(b => b.UseStore("counting", store.OpenAsync)));
        await host.StartAsync();

        var ledger = await host.LedgerAsync();
        var result = await ledger.RecordAsync(SampleEvents.Uncontested);

        Assert.Same(clock, ledger.Clock);
        Assert.Same(clock, store.Clock);
        Assert.Equal(SampleEvents.After, result.RecordedAt);
    }

    [Fact]
    public async Task Without_a_registered_clock_the_system_clock_is_used()
    {
        using var host = TestHosts.Build((services, _) => services.AddClaimsLedger(b => b.UseInMemory()));
        await host.StartAsync();

        Assert.Same(TimeProvider.System, (await host.LedgerAsync()).Clock);
    }

    [Fact]
    public async Task A_bad_setting_stops_the_host_at_start_naming_the_setting()
    {
        using var host = TestHosts.Build(
            (services, configuration) => services.AddClaimsLedger(configuration.GetSection("ClaimsLedger"),
                b => b.UseInMemory()),
            null, ("ClaimsLedger:ConcurrencyRetries", "-1"));

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("invalid setting ClaimsLedger:ConcurrencyRetries", error.Message, StringComparison.Ordinal);
        Assert.Contains("must be between 0 and 100, got -1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Choosing_no_store_stops_the_host_at_start_saying_how_to_choose_one()
    {
        using var host = TestHosts.Build((services, _) => services.AddClaimsLedger());

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("no store was chosen; call UseInMemory(), UseSqlite(...), UsePostgreSql(...) or UseEventStoreDb(...)", error.Message,
            StringComparison.Ordinal);
    }

    [Fact]
    public void Choosing_a_second_store_is_refused_naming_both()
    {
        var services = new ServiceCollection();

        var error = Assert.Throws<InvalidOperationException>(() =>
            services.AddClaimsLedger(b => b.UseInMemory().UseStore("other", (_, _) => throw new NotSupportedException())));

        Assert.Contains("the in-memory store was already chosen", error.Message, StringComparison.Ordinal);
        Assert.Contains("also other", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Registering_twice_adds_each_service_once()
    {
        var services = new ServiceCollection();

        services.AddClaimsLedger(b => b.UseInMemory());
        services.AddClaimsLedger();

        Assert.Single(services, d => d.ServiceType == typeof(ILedgerProvider));
        Assert.Single(services, d => d.ServiceType == typeof(IHostedService));
        var validators = services.Where(d => d.ServiceType == typeof(IValidateOptions<LedgerServiceOptions>)).ToList();
        Assert.Equal(validators.Count, validators.Select(d => d.ImplementationType).Distinct().Count());
    }

    [Fact]
    public async Task Without_a_host_the_ledger_opens_on_first_use_and_checks_its_settings_then()
    {
        var services = new ServiceCollection();
        services.AddClaimsLedger(b => b.UseInMemory().Configure(settings => settings.ConcurrencyRetries = 101));
        await using var provider = services.BuildServiceProvider();

        var error = await Assert.ThrowsAsync<OptionsValidationException>(
            async () => await provider.GetRequiredService<ILedgerProvider>().GetLedgerAsync());

        Assert.Contains("invalid setting LedgerServiceOptions.ConcurrencyRetries", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failed_opening_is_tried_again_on_the_next_call()
    {
        var store = new CountingStore { FailNextOpen = true };
        var services = new ServiceCollection();
        services.AddClaimsLedger(b => b.UseStore("counting", store.OpenAsync));
        await using var provider = services.BuildServiceProvider();
        var ledgers = provider.GetRequiredService<ILedgerProvider>();

        await Assert.ThrowsAsync<ClaimsLedger.Storage.StoreUnavailableException>(async () => await ledgers.GetLedgerAsync());
        var ledger = await ledgers.GetLedgerAsync();

        Assert.NotNull(ledger);
        Assert.Equal(1, store.Opened);
    }

    [Fact]
    public async Task Disposing_the_container_disposes_the_store()
    {
        var store = new CountingStore();
        var services = new ServiceCollection();
        services.AddClaimsLedger(b => b.UseStore("counting", store.OpenAsync));
        var provider = services.BuildServiceProvider();
        await provider.GetRequiredService<ILedgerProvider>().GetLedgerAsync();

        await provider.DisposeAsync();

        Assert.Equal(1, store.Disposed);
        await Assert.ThrowsAsync<ObjectDisposedException>(
            async () => await provider.GetRequiredService<ILedgerProvider>().GetLedgerAsync());
    }

    [Fact]
    public async Task Observers_registered_in_the_container_are_told_about_appends()
    {
        var observer = new RecordingObserver();
        using var host = TestHosts.Build((services, _) => services
            .AddSingleton<ILedgerObserver>(observer)
            .AddClaimsLedger(b => b.UseInMemory()));
        await host.StartAsync();

        await (await host.LedgerAsync()).RecordAsync(SampleEvents.Uncontested);

        Assert.Equal(SampleEvents.Uncontested.Count, observer.Entries.Count);
    }
}
