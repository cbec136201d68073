using System.Collections.Concurrent;
using ClaimsLedger.Events;
using Mediator;

namespace ClaimsLedger.Mediator.Tests;

/// <summary>What the test application's notification handlers saw, one instance per host.</summary>
public sealed class Notifications
{
    private readonly ConcurrentQueue<LedgerEventAppended> _appended = new();
    private readonly ConcurrentQueue<ClaimId> _contested = new();

    public IReadOnlyList<LedgerEventAppended> Appended => [.. _appended];

    /// <summary>Claims the application noticed becoming contested.</summary>
    public IReadOnlyList<ClaimId> BecameContested => [.. _contested];

    /// <summary>When set, the failing handler throws on the next notification.</summary>
    public bool FailNext { get; set; }

    internal void Add(LedgerEventAppended notification) => _appended.Enqueue(notification);

    internal void Contested(ClaimId claim) => _contested.Enqueue(claim);

    internal void Clear() => _appended.Clear();
}

/// <summary>The test application's handler: keeps every notification.</summary>
public sealed class KeepingHandler(Notifications notifications) : INotificationHandler<LedgerEventAppended>
{
    public ValueTask Handle(LedgerEventAppended notification, CancellationToken cancellationToken)
    {
        notifications.Add(notification);
        return ValueTask.CompletedTask;
    }
}

/// <summary>The test application's handler that notices a claim becoming contested, as an editor's alert would.</summary>
public sealed class ContestedClaimHandler(Notifications notifications, ISender sender)
    : INotificationHandler<LedgerEventAppended>
{
    public async ValueTask Handle(LedgerEventAppended notification, CancellationToken cancellationToken)
    {
        if (notification.Event is not StanceStatement statement)
        {
            return;
        }

        var asOf = AsOf.At(notification.Entry.RecordedAt).WithSaid(DateTimeOffset.MaxValue);
        var now = await sender.Send(new GetClaim(statement.Claim, asOf), cancellationToken);
        var before = await sender.Send(
            new GetClaim(statement.Claim, asOf.WithRecorded(notification.Entry.RecordedAt.AddTicks(-1))), cancellationToken);
        if (now is { Contested: true } && before is not { Contested: true })
        {
            notifications.Contested(statement.Claim);
        }
    }
}

/// <summary>The test application's handler that fails when told to.</summary>
public sealed class FailingHandler(Notifications notifications) : INotificationHandler<LedgerEventAppended>
{
    public ValueTask Handle(LedgerEventAppended notification, CancellationToken cancellationToken)
    {
        if (notifications.FailNext)
        {
            notifications.FailNext = false;
            throw new InvalidOperationException("the application's handler broke");
        }

        return ValueTask.CompletedTask;
    }
}
