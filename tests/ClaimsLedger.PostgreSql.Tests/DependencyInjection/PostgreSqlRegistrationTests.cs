using ClaimsLedger.Conformance;
using ClaimsLedger.Conformance.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace ClaimsLedger.PostgreSql.Tests.DependencyInjection;

/// <summary>AddClaimsLedger with UsePostgreSql on the server named by CLAIMS_PG_CONN, a schema of its own per test.</summary>
public sealed class PostgreSqlRegistrationTests : IAsyncLifetime
{
    private readonly string _schema = TestServer.NewSchema();
    private readonly LogCapture _logs = new();

    [SkippableFact]
    public async Task A_ledger_registered_on_postgresql_records_and_a_new_host_reads_it_back()
    {
        var connection = TestServer.Require();
        var clock = new FakeTimeProvider(SampleEvents.After);
        using (var first = TestHosts.Build((services, _) => services.AddSingleton<TimeProvider>(clock)
                   .AddClaimsLedger(b => b.UsePostgreSql(s => (s.ConnectionString, s.Schema) = (connection, _schema)))))
        {
            await first.StartAsync();
            var result = await (await first.LedgerAsync()).RecordAsync([.. SampleEvents.Uncontested, SampleEvents.Assertion]);
            Assert.Equal(SampleEvents.After, result.RecordedAt);
            await first.StopAsync();
        }

        using var second = TestHosts.Build((services, _) =>
            services.AddClaimsLedger(b => b.UsePostgreSql(s => (s.ConnectionString, s.Schema) = (connection, _schema))));
        await second.StartAsync();
        var ledger = await second.LedgerAsync();

        Assert.Equal(6, ledger.EventCount);
        Assert.True((await ledger.GetClaimAsync(SampleEvents.Claim, ledger.Now()))!.Contested);
    }

    [SkippableFact]
    public async Task The_server_and_schema_come_from_configuration_and_creating_the_schema_is_logged()
    {
        var connection = TestServer.Require();
        using var host = TestHosts.Build(
            (services, configuration) => services.AddClaimsLedger(configuration.GetSection("ClaimsLedger"),
                b => b.UsePostgreSql()),
            _logs, ("ClaimsLedger:PostgreSql:ConnectionString", connection), ("ClaimsLedger:PostgreSql:Schema", _schema));
        await host.StartAsync();

        var store = Assert.IsType<PostgreSqlEventStore>((await host.LedgerAsync()).Store);

        Assert.Equal(_schema, store.Schema);
        var created = Assert.Single(_logs.WithId(101));
        Assert.Equal(LogLevel.Information, created.Level);
        Assert.Contains($"schema {_schema}", created.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("claims_pw", created.Message, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task An_invalid_schema_name_stops_the_host_at_start_naming_the_setting()
    {
        using var host = ConfiguredHost(("ClaimsLedger:PostgreSql:Schema", "Bad-Name"));

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("invalid setting ClaimsLedger:PostgreSql:Schema", error.Message, StringComparison.Ordinal);
        Assert.Contains("'Bad-Name' is not a valid schema name", error.Message, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Change_detection_comes_from_configuration_and_a_bad_lag_stops_the_host_naming_the_setting()
    {
        using var good = ConfiguredHost(("ClaimsLedger:PostgreSql:Schema", _schema),
            ("ClaimsLedger:PostgreSql:ChangeDetection", "Notification"), ("ClaimsLedger:PostgreSql:NotificationMaxLag", "00:00:02"));
        await good.StartAsync();
        Assert.IsType<PostgreSqlEventStore>((await good.LedgerAsync()).Store);

        using var bad = ConfiguredHost(("ClaimsLedger:PostgreSql:Schema", _schema),
            ("ClaimsLedger:PostgreSql:ChangeDetection", "Notification"), ("ClaimsLedger:PostgreSql:NotificationMaxLag", "00:00:00"));
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => bad.StartAsync());

        Assert.Contains("invalid setting ClaimsLedger:PostgreSql:NotificationMaxLag", error.Message, StringComparison.Ordinal);
        Assert.Contains("must be between 1 ms and 1 hour", error.Message, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Slow_queries_are_logged_naming_the_server_but_never_the_password()
    {
        var connection = TestServer.Require();
        using var host = TestHosts.Build((services, _) => services.AddClaimsLedger(b => b.UsePostgreSql(s =>
        {
            (s.ConnectionString, s.Schema) = (connection, _schema);
            s.SlowQueryThreshold = TimeSpan.Zero;
        })), _logs);
        await host.StartAsync();

        await (await host.LedgerAsync()).RecordAsync(SampleEvents.Uncontested);

        var slow = _logs.WithId(103);
        Assert.Contains(slow, r => Equals(r.Values["Operation"], "append") && Equals(r.Values["Events"], 5));
        Assert.All(slow, r => Assert.DoesNotContain("claims_pw", r.Message, StringComparison.Ordinal));
    }

    /// <summary>A host whose ledger uses the test server, with these settings under ClaimsLedger in its configuration.</summary>
    private static Microsoft.Extensions.Hosting.IHost ConfiguredHost(params (string Key, string Value)[] settings)
    {
        var connection = TestServer.Require();
        return TestHosts.Build(
            (services, configuration) => services.AddClaimsLedger(configuration.GetSection("ClaimsLedger"),
                b => b.UsePostgreSql(connection)),
            null, settings);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => TestServer.DropSchemaAsync(_schema);
}
