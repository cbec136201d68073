using ClaimsLedger;
using ClaimsLedger.DependencyInjection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers ClaimsLedger in a service collection: the one entry point, <c>AddClaimsLedger</c>.</summary>
public static class ClaimsLedgerServiceCollectionExtensions
{
    /// <summary>
    /// Registers the ledger (<see cref="ILedgerProvider"/>); choose its store on the returned builder, e.g.
    /// <c>services.AddClaimsLedger().UseSqlite("ledger.db")</c>.
    /// </summary>
    /// <remarks>
    /// Registrations use <c>TryAdd</c>, so calling this again adds nothing twice. The clock is the container's
    /// <see cref="TimeProvider"/> when registered, else <see cref="TimeProvider.System"/>; loggers and the meter come
    /// from the container too. Settings are checked at host start; the ledger opens at host start (see
    /// <see cref="LedgerServiceOptions.OpenOnStart"/>) or on first use.
    /// </remarks>
    public static ClaimsLedgerBuilder AddClaimsLedger(this IServiceCollection services) =>
        AddCore(services, null, null);

    /// <summary>Registers the ledger and chooses its store in <paramref name="configure"/>, e.g.
    /// <c>services.AddClaimsLedger(b => b.UseSqlite("ledger.db"))</c>.</summary>
    public static ClaimsLedgerBuilder AddClaimsLedger(this IServiceCollection services,
        Action<ClaimsLedgerBuilder> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        return AddCore(services, null, configure);
    }

    /// <summary>
    /// Registers the ledger with its settings bound from <paramref name="configuration"/> (typically
    /// <c>configuration.GetSection("ClaimsLedger")</c>): <see cref="LedgerServiceOptions"/> from the section itself,
    /// each store's settings from its sub-section (<c>Sqlite</c>, <c>PostgreSql</c>).
    /// </summary>
    public static ClaimsLedgerBuilder AddClaimsLedger(this IServiceCollection services, IConfiguration configuration,
        Action<ClaimsLedgerBuilder>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return AddCore(services, configuration, configure);
    }

    private static ClaimsLedgerBuilder AddCore(IServiceCollection services, IConfiguration? configuration,
        Action<ClaimsLedgerBuilder>? configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        var builder = new ClaimsLedgerBuilder(services, configuration);
        builder.AddSettings<LedgerServiceOptions>(configuration, null,
            settings => new LedgerOptions { ConcurrencyRetries = settings.ConcurrencyRetries }.Validate());
        services.TryAddEnumerable(
            ServiceDescriptor.Singleton<IValidateOptions<LedgerServiceOptions>, LedgerStoreChosenValidator>());
        services.TryAddSingleton<ILedgerProvider, LedgerProvider>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, LedgerStartup>());
        configure?.Invoke(builder);
        return builder;
    }
}
