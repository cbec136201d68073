namespace ClaimsLedger;

/// <summary>
/// Told about the events a ledger appends, after they are durable and visible in the ledger's views; give it to
/// the ledger in <see cref="LedgerOptions.Observers"/>. The mediator integration publishes a notification per entry
/// through one.
/// </summary>
/// <remarks>
/// <para>When: after a successful <see cref="Ledger.RecordAsync(IReadOnlyList{Events.LedgerEvent}, CancellationToken)"/>
/// or <see cref="Ledger.RestoreAsync"/> (an import of an export) appended at least one event and the ledger caught
/// up with it, so a view built from inside the observer already shows the new entries. <c>RecordAsync</c> and
/// <c>RestoreAsync</c> return after every observer has finished. Nothing is observed for a rejected batch or restore,
/// a failed append, or a batch the ledger already held (nothing appended; for a restore, the prefix of the export the
/// ledger already held); nor for events other ledgers or processes append to the same store.</para>
/// <para>Order: each call carries the entries of one batch (or of one restore, all of them), in global order;
/// observers are called one after another in the order of <see cref="LedgerOptions.Observers"/>.</para>
/// <para>Thread-safety: batches recorded concurrently by one ledger are observed concurrently and in no fixed order;
/// use <see cref="LedgerEntry.Position"/> to order them. An observer may record to the ledger itself (recording is
/// not locked while observers run).</para>
/// <para>Errors: an exception thrown by an observer (cancellation included) is logged with the positions it concerns
/// and does not reach the caller of <c>RecordAsync</c> or <c>RestoreAsync</c>, since the events are recorded; the next observer still runs.</para>
/// </remarks>
public interface ILedgerObserver
{
    /// <summary>Called with the entries one batch appended, in global order; never with an empty list.</summary>
    /// <param name="entries">The appended events with their streams, versions, positions and recordedAt.</param>
    /// <param name="cancellationToken">Not the caller's token: the events are already durable, so every observer hears of them even
    /// when the caller of <c>RecordAsync</c> or <c>RestoreAsync</c> has cancelled since (<see cref="CancellationToken.None"/>).</param>
    ValueTask OnAppendedAsync(IReadOnlyList<LedgerEntry> entries, CancellationToken cancellationToken);
}
