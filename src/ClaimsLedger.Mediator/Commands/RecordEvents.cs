using ClaimsLedger.Events;
using Mediator;

namespace ClaimsLedger.Mediator;

/// <summary>
/// Records several events as one batch, atomically: validated together (later events may use what earlier ones
/// register), all recorded or none (<see cref="Ledger.RecordAsync(IReadOnlyList{LedgerEvent}, CancellationToken)"/>).
/// </summary>
/// <param name="Events">The batch.</param>
public sealed record RecordEvents(IReadOnlyList<LedgerEvent> Events) : ICommand<RecordResult>;
