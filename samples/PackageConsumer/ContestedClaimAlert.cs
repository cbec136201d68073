using ClaimsLedger;
using ClaimsLedger.Events;
using ClaimsLedger.Mediator;
using Mediator;

namespace PackageConsumer;

/// <summary>Reacts to the ledger's notifications: says when a stance makes its claim contested.</summary>
public sealed class ContestedClaimAlert(ISender sender) : INotificationHandler<LedgerEventAppended>
{
    public async ValueTask Handle(LedgerEventAppended notification, CancellationToken cancellationToken)
    {
        if (notification.Event is not StanceStatement statement)
        {
            return;
        }

        var everythingSaid = AsOf.At(notification.Entry.RecordedAt).WithSaid(DateTimeOffset.MaxValue);
        var claim = await sender.Send(new GetClaim(statement.Claim, everythingSaid), cancellationToken);
        if (claim is { Contested: true })
        {
            Console.WriteLine($"ALERT: '{statement.Claim}' is contested since {statement.Actor} spoke " +
                              $"(event {notification.Position})");
        }
    }
}
