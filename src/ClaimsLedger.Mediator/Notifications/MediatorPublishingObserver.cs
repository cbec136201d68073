using Mediator;
using Microsoft.Extensions.DependencyInjection;

namespace ClaimsLedger.Mediator;

/// <summary>
/// Publishes a <see cref="LedgerEventAppended"/> per appended entry. Resolves the publisher in a scope of its own, so
/// it works whatever service lifetime the application gave the mediator.
/// </summary>
internal sealed class MediatorPublishingObserver(IServiceScopeFactory scopes) : ILedgerObserver
{
    public async ValueTask OnAppendedAsync(IReadOnlyList<LedgerEntry> entries, CancellationToken cancellationToken)
    {
        var scope = scopes.CreateAsyncScope();
        await using var _ = scope.ConfigureAwait(false);
        var publisher = scope.ServiceProvider.GetRequiredService<IPublisher>();
        foreach (var entry in entries)
        {
            await publisher.Publish(new LedgerEventAppended(entry), cancellationToken).ConfigureAwait(false);
        }
    }
}
