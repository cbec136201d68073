using Belgorod;
using ClaimsLedger;
using ClaimsLedger.Storage.InMemory;

// Replays the Belgorod raid coverage of 22-26 May 2023: who said what, and how the picture changed.
var clock = new ReplayClock(BelgorodHistory.RecordedAt);
var store = new InMemoryEventStore(clock);
var ledger = await Ledger.OpenAsync(store, new LedgerOptions { Clock = clock });

var recorded = await ledger.RecordAsync([.. BelgorodHistory.Registrations, .. BelgorodHistory.Statements]);
Console.WriteLine($"Recorded {recorded.Appended} events ({recorded.Unchanged} already held).");

foreach (var date in BelgorodHistory.BoardDates)
{
    var board = await ledger.GetBoardAsync(ledger.Now().WithSaid(AsOf.EndOfDay(date)));
    Console.WriteLine();
    Console.WriteLine(board.ToText());
}

// A day later the desk notices a misattribution and corrects the record; the original stays in the history.
var said = AsOf.EndOfDay(BelgorodHistory.BoardDates[^1]);
var beforeCorrection = ledger.Now().WithSaid(said);
clock.MoveTo(BelgorodHistory.CorrectedAt);
await ledger.RecordAsync(BelgorodHistory.Correction);
var afterCorrection = ledger.Now().WithSaid(said);

ClaimId corrected = "us-enables-attacks-in-russia";
Console.WriteLine();
Console.WriteLine($"As recorded before the correction ({beforeCorrection}):");
Console.WriteLine((await ledger.GetClaimAsync(corrected, beforeCorrection))!.ToText());
Console.WriteLine($"As recorded after the correction ({afterCorrection}):");
Console.WriteLine((await ledger.GetClaimAsync(corrected, afterCorrection))!.ToText());
Console.WriteLine((await ledger.DiffAsync(beforeCorrection, afterCorrection)).ToText());
