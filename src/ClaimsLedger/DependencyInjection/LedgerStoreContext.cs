using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ClaimsLedger.DependencyInjection;

/// <summary>
/// What a store needs from the container when the ledger opens: the clock (the container's
/// <see cref="TimeProvider"/> when one is registered, else <see cref="TimeProvider.System"/>; the ledger gets the same
/// one), the logger factory and the meter factory.
/// </summary>
/// <param name="Services">The container, for anything else a store needs.</param>
/// <param name="Clock">The clock for the store and the ledger.</param>
/// <param name="LoggerFactory">The container's logger factory, or a null one.</param>
/// <param name="MeterFactory">The container's meter factory, if any.</param>
public sealed record LedgerStoreContext(IServiceProvider Services, TimeProvider Clock, ILoggerFactory LoggerFactory,
    IMeterFactory? MeterFactory)
{
    /// <summary>The context of a container.</summary>
    public static LedgerStoreContext From(IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(services);
        return new LedgerStoreContext(services,
            services.GetService<TimeProvider>() ?? TimeProvider.System,
            services.GetService<ILoggerFactory>() ?? NullLoggerFactory.Instance,
            services.GetService<IMeterFactory>());
    }
}
