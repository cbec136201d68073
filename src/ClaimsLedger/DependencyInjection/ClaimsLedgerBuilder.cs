using ClaimsLedger.Storage;
using ClaimsLedger.Storage.InMemory;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace ClaimsLedger.DependencyInjection;

/// <summary>
/// Chooses the ledger's store and settings; returned by <c>AddClaimsLedger</c>. The store packages add their own
/// <c>Use...</c> methods (<c>UseSqlite</c>, <c>UsePostgreSql</c>, <c>UseEventStoreDb</c>) through <see cref="UseStore"/>.
/// </summary>
/// <remarks>Exactly one store per container: choosing a second one throws.</remarks>
public sealed class ClaimsLedgerBuilder
{
    internal ClaimsLedgerBuilder(IServiceCollection services, IConfiguration? configuration)
    {
        Services = services;
        Configuration = configuration;
    }

    /// <summary>The service collection the ledger is registered in.</summary>
    public IServiceCollection Services { get; }

    /// <summary>The configuration section given to <c>AddClaimsLedger</c>, if any; stores bind their own sub-section
    /// (<c>Sqlite</c>, <c>PostgreSql</c>, <c>EventStoreDb</c>) from it.</summary>
    public IConfiguration? Configuration { get; }

    /// <summary>Changes the ledger's settings in code, after configuration was bound (code wins).</summary>
    public ClaimsLedgerBuilder Configure(Action<LedgerServiceOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        Services.Configure(configure);
        return this;
    }

    /// <summary>Keeps the ledger in process memory (<see cref="InMemoryEventStore"/>): for tests and quick starts.</summary>
    /// <exception cref="InvalidOperationException">A store was already chosen.</exception>
    public ClaimsLedgerBuilder UseInMemory() =>
        UseStore("in-memory", (context, _) => ValueTask.FromResult<IEventStore>(new InMemoryEventStore(context.Clock)));

    /// <summary>
    /// Chooses the store: <paramref name="open"/> opens it, once, when the ledger opens, with the container's clock,
    /// loggers and meter in its context. The ledger owns the store and disposes it with the container.
    /// </summary>
    /// <param name="name">The store's name for messages, e.g. <c>sqlite</c>.</param>
    /// <param name="open">Opens the store.</param>
    /// <exception cref="InvalidOperationException">A store was already chosen.</exception>
    public ClaimsLedgerBuilder UseStore(string name,
        Func<LedgerStoreContext, CancellationToken, ValueTask<IEventStore>> open)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(open);
        var chosen = Services.FirstOrDefault(d => d.ServiceType == typeof(LedgerStoreRegistration))
            ?.ImplementationInstance as LedgerStoreRegistration;
        if (chosen is not null)
        {
            throw new InvalidOperationException(
                $"AddClaimsLedger: the {chosen.Name} store was already chosen; choose one store per container, not " +
                $"also {name}");
        }

        Services.AddSingleton(new LedgerStoreRegistration(name, open));
        return this;
    }

    /// <summary>
    /// Chooses a store opened from settings of type <typeparamref name="TSettings"/>, bound from the
    /// <paramref name="sectionName"/> sub-section of <see cref="Configuration"/> (when given), then changed by
    /// <paramref name="configure"/>, then checked at start by <paramref name="validate"/>. For store packages.
    /// </summary>
    internal ClaimsLedgerBuilder UseStore<TSettings>(string name, string sectionName, Action<TSettings>? configure,
        Action<TSettings> validate, Func<TSettings, LedgerStoreContext, CancellationToken, ValueTask<IEventStore>> open)
        where TSettings : class =>
        UseStore(name, (context, cancellationToken) => open(
                context.Services.GetRequiredService<IOptions<TSettings>>().Value, context, cancellationToken))
            .AddSettings(Configuration?.GetSection(sectionName), configure, validate);

    /// <summary>Registers settings: bound from <paramref name="section"/>, changed by <paramref name="configure"/>,
    /// checked at start by <paramref name="validate"/> (an options record's own Validate, whose messages
    /// <see cref="SettingsValidation"/> words with the setting's configuration key).</summary>
    internal ClaimsLedgerBuilder AddSettings<TSettings>(IConfiguration? section, Action<TSettings>? configure,
        Action<TSettings> validate)
        where TSettings : class
    {
        var settings = Services.AddOptions<TSettings>();
        if (section is not null)
        {
            settings.Bind(section);
        }

        if (configure is not null)
        {
            settings.Configure(configure);
        }

        settings.ValidateOnStart();
        Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TSettings>, SettingsValidator<TSettings>>(
            _ => new SettingsValidator<TSettings>(section, validate)));
        return this;
    }
}
