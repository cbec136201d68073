using ClaimsLedger.Events;
using ClaimsLedger.Storage;
using Mediator;

namespace ClaimsLedger.Mediator;

/// <summary>
/// Published through the mediator for every event the container's ledger appends, once it is durable and visible
/// in the views (see <see cref="ILedgerObserver"/>); turn it on with <c>PublishToMediator()</c> on the ledger builder.
/// Handle it with an <c>INotificationHandler&lt;LedgerEventAppended&gt;</c>, e.g. to tell an editor when a claim becomes
/// contested.
/// </summary>
/// <remarks>One notification per appended event, in global order within a batch; none for a rejected batch or one the
/// ledger already held. A handler's exception is logged by the ledger and does not fail the command that recorded the
/// event.</remarks>
/// <param name="Entry">The appended event with its stream, version, position and recordedAt.</param>
public sealed record LedgerEventAppended(LedgerEntry Entry) : INotification
{
    /// <summary>The appended event.</summary>
    public LedgerEvent Event => Entry.Event;

    /// <summary>Its place in the global order.</summary>
    public GlobalPosition Position => Entry.Position;
}
