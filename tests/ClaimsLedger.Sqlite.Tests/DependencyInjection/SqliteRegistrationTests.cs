using ClaimsLedger.Conformance;
using ClaimsLedger.Conformance.Telemetry;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace ClaimsLedger.Sqlite.Tests.DependencyInjection;

/// <summary>AddClaimsLedger with UseSqlite, in a host as an application uses it.</summary>
public sealed class SqliteRegistrationTests : IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly FakeTimeProvider _clock = new(SampleEvents.After);
    private readonly LogCapture _logs = new();

    [Fact]
    public async Task A_ledger_registered_on_a_file_records_and_a_new_host_reads_it_back()
    {
        var path = _folder.File("ledger.db");
        using (var first = Build((services, _) => services.AddClaimsLedger(b => b.UseSqlite(path))))
        {
            await first.StartAsync();
            await (await Ledger(first)).RecordAsync([.. SampleEvents.Uncontested, SampleEvents.Assertion]);
            await first.StopAsync();
        }

        using var second = Build((services, _) => services.AddClaimsLedger(b => b.UseSqlite(path)));
        await second.StartAsync();
        var ledger = await Ledger(second);

        Assert.Equal(6, ledger.EventCount);
        Assert.True((await ledger.GetClaimAsync(SampleEvents.Claim, ledger.Now()))!.Contested);
    }

    [Fact]
    public async Task The_file_and_its_settings_come_from_configuration()
    {
        var path = _folder.File("configured.db");
        using var host = Build(
            (services, configuration) => services.AddClaimsLedger(configuration.GetSection("ClaimsLedger"),
                b => b.UseSqlite()),
            ("ClaimsLedger:Sqlite:Path", path), ("ClaimsLedger:Sqlite:BusyTimeout", "00:00:05"));
        await host.StartAsync();

        var store = Assert.IsType<SqliteEventStore>((await Ledger(host)).Store);

        Assert.Equal(path, store.Path);
        Assert.Equal(TimeSpan.FromSeconds(5),
            host.Services.GetRequiredService<IOptions<SqliteServiceOptions>>().Value.BusyTimeout);
    }

    [Fact]
    public async Task The_container_clock_stamps_recordedAt_in_the_file()
    {
        using var host = Build((services, _) => services.AddSingleton<TimeProvider>(_clock)
            .AddClaimsLedger(b => b.UseSqlite(_folder.File("clock.db"))));
        await host.StartAsync();

        var result = await (await Ledger(host)).RecordAsync(SampleEvents.Uncontested);

        Assert.Equal(SampleEvents.After, result.RecordedAt);
    }

    [Fact]
    public async Task A_missing_path_stops_the_host_at_start_naming_the_setting()
    {
        using var host = Build((services, configuration) =>
            services.AddClaimsLedger(configuration.GetSection("ClaimsLedger"), b => b.UseSqlite()));

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("invalid setting ClaimsLedger:Sqlite:Path: SqliteStoreOptions.Path is required", error.Message,
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_out_of_range_setting_stops_the_host_naming_the_setting_and_its_value()
    {
        using var host = Build(
            (services, configuration) => services.AddClaimsLedger(configuration.GetSection("ClaimsLedger"),
                b => b.UseSqlite(_folder.File("bad.db"))),
            ("ClaimsLedger:Sqlite:PollInterval", "00:05:00"));

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("invalid setting ClaimsLedger:Sqlite:PollInterval", error.Message, StringComparison.Ordinal);
        Assert.Contains("got 00:05:00", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Creating_the_schema_is_logged_once_naming_the_file()
    {
        var path = _folder.File("logged.db");
        for (var run = 0; run < 2; run++)
        {
            using var host = Build((services, _) => services.AddClaimsLedger(b => b.UseSqlite(path)));
            await host.StartAsync();
            await host.StopAsync();
        }

        var created = Assert.Single(_logs.WithId(101));
        Assert.Equal(LogLevel.Information, created.Level);
        Assert.Contains(path, created.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Queries_at_or_over_the_slow_query_threshold_are_logged_as_warnings()
    {
        using var host = Build((services, _) => services.AddClaimsLedger(b => b.UseSqlite(settings =>
        {
            settings.Path = _folder.File("slow.db");
            settings.SlowQueryThreshold = TimeSpan.Zero;
        })));
        await host.StartAsync();

        await (await Ledger(host)).RecordAsync(SampleEvents.Uncontested);

        var slow = _logs.WithId(103);
        Assert.Contains(slow, r => Equals(r.Values["Operation"], "append") && Equals(r.Values["Events"], 5));
        Assert.Contains(slow, r => Equals(r.Values["Operation"], "read"));
        Assert.All(slow, r => Assert.Equal(LogLevel.Warning, r.Level));
    }

    [Fact]
    public async Task With_the_default_threshold_fast_queries_are_not_logged()
    {
        using var host = Build((services, _) => services.AddSingleton<TimeProvider>(_clock)
            .AddClaimsLedger(b => b.UseSqlite(_folder.File("quiet.db"))));
        await host.StartAsync();

        await (await Ledger(host)).RecordAsync(SampleEvents.Uncontested);

        Assert.Empty(_logs.WithId(103));
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _folder.Dispose();
    }

    private static Task<Ledger> Ledger(IHost host) => host.LedgerAsync();

    private IHost Build(Action<IServiceCollection, IConfiguration> register, params (string Key, string Value)[] settings) =>
        TestHosts.Build(register, _logs, settings);
}
