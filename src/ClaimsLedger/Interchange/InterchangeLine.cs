using ClaimsLedger.Events;

namespace ClaimsLedger.Interchange;

/// <summary>One parsed line of an interchange file.</summary>
/// <param name="Line">1-based line number.</param>
/// <param name="Event">The ledger event the line describes.</param>
/// <param name="Exported">For a line of an export: the event as the exporting store held it; null for notes.</param>
public sealed record InterchangeLine(long Line, LedgerEvent Event, ExportedEvent? Exported);
