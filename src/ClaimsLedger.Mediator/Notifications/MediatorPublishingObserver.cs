using Mediator;
using Microsoft.Extensions.DependencyInjection;

namespace ClaimsLedger.Mediator;

/// <summary>
/// Publishes a <see cref="LedgerEventAppended"/> per appended entry. Resolves the publisher in a scope of its own, so
/// it works whatever service lifetime the application gave the mediator.
/// </summary>
/// <remarks>A handler failing on one entry does not keep the others from being published: the failures are thrown
/// together at the end (the ledger logs them), unless the caller cancelled.</remarks>
internal sealed class MediatorPublishingObserver(IServiceScopeFactory scopes) : ILedgerObserver
{
    public async ValueTask OnAppendedAsync(IReadOnlyList<LedgerEntry> entries, CancellationToken cancellationToken)
    {
        var scope = scopes.CreateAsyncScope();
        await using var _ = scope.ConfigureAwait(false);
        var publisher = scope.ServiceProvider.GetRequiredService<IPublisher>();
        List<Exception>? failures = null;
        foreach (var entry in entries)
        {
            try
            {
                await publisher.Publish(new LedgerEventAppended(entry), cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested)
            {
                (failures ??= []).Add(e);
            }
        }

        if (failures is [var only])
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(only);
        }
        else if (failures is not null)
        {
            throw new AggregateException(
                $"Publishing LedgerEventAppended failed for {failures.Count} of {entries.Count} entries", failures);
        }
    }
}
