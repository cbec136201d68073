using ClaimsLedger.DependencyInjection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ClaimsLedger.Mediator;

/// <summary>Connects the ledger to the mediator, on the builder <c>AddClaimsLedger</c> returns.</summary>
public static class MediatorClaimsLedgerBuilderExtensions
{
    /// <summary>
    /// Publishes a <see cref="LedgerEventAppended"/> notification through the application's mediator
    /// (<c>IPublisher</c>, registered by the generated <c>AddMediator()</c>) for every event the ledger appends.
    /// </summary>
    /// <remarks>The commands and queries need no call: the Mediator source generator in the application project
    /// finds <see cref="LedgerCommandHandler"/> and <see cref="LedgerQueryHandler"/> in this package.</remarks>
    public static ClaimsLedgerBuilder PublishToMediator(this ClaimsLedgerBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<ILedgerObserver, MediatorPublishingObserver>());
        return builder;
    }
}
