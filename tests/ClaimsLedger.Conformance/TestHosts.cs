using ClaimsLedger.DependencyInjection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ClaimsLedger.Conformance;

/// <summary>Builds small hosts the way an application would: configuration, logging, services, AddClaimsLedger.</summary>
public static class TestHosts
{
    /// <summary>A host with <paramref name="settings"/> as its configuration, logging to <paramref name="logs"/>.</summary>
    public static IHost Build(Action<IServiceCollection, IConfiguration> register, ILoggerProvider? logs = null,
        params (string Key, string Value)[] settings)
    {
        ArgumentNullException.ThrowIfNull(register);
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings.Select(s => KeyValuePair.Create(s.Key, (string?)s.Value)));
        if (logs is not null)
        {
            builder.Logging.AddProvider(logs);
        }

        register(builder.Services, builder.Configuration);
        return builder.Build();
    }

    /// <summary>The host's ledger.</summary>
    public static async Task<Ledger> LedgerAsync(this IHost host)
    {
        ArgumentNullException.ThrowIfNull(host);
        return await host.Services.GetRequiredService<ILedgerProvider>().GetLedgerAsync();
    }
}
