using Belgorod;
using ClaimsLedger;
using ClaimsLedger.Integrity;
using ClaimsLedger.Storage;

// Replays the Belgorod raid coverage of 22-26 May 2023: who said what, and how the picture changed.
// By default the history goes into the SQLite file belgorod.db; a second run replays it from the file.
StoreChoice choice;
try
{
    choice = StoreChoice.Parse(args);
}
catch (ArgumentException e)
{
    Console.Error.WriteLine(e.Message);
    return 2;
}

var clock = new ReplayClock(BelgorodHistory.RecordedAt);
IEventStore opened;
try
{
    opened = await choice.OpenAsync(clock);
}
catch (Exception e) when (e is LedgerStoreException or ArgumentException)
{
    // An unreachable server, refused credentials, a malformed connection string: one line, not a stack trace.
    Console.Error.WriteLine($"cannot open {choice.Description}: {e.Message}");
    return 3;
}

await using var store = opened;
var ledger = await Ledger.OpenAsync(store, new LedgerOptions { Clock = clock });

if (ledger.EventCount > 0)
{
    Console.WriteLine($"Replaying the {ledger.EventCount} events already in {choice.Description}.");
}
else
{
    var recorded = await ledger.RecordAsync([.. BelgorodHistory.Registrations, .. BelgorodHistory.Statements]);
    Console.WriteLine($"Recorded {recorded.Appended} events into {choice.Description}.");
}

// The article dates most statements only to "this week": a board counts what was certainly said by its date, and
// says how many more claims have statements possibly said by then (their date ranges have begun).
foreach (var date in BelgorodHistory.BoardDates)
{
    var asOf = AsOf.At(BelgorodHistory.RecordedAt).WithSaid(AsOf.EndOfDay(date));
    var board = await ledger.GetBoardAsync(asOf);
    var possibly = await ledger.GetBoardAsync(asOf.WithPossiblySaid());
    Console.WriteLine();
    Console.WriteLine(board.ToText());
    if (possibly.Claims.Count > board.Claims.Count)
    {
        Console.WriteLine($"  (+{possibly.Claims.Count - board.Claims.Count} claims with statements possibly said by " +
                          $"then, dated only to a range that had begun: ask with WithPossiblySaid(), or --possibly)");
    }
}

// A day later the desk notices a misattribution and corrects the record; the original stays in the history.
// (Recording it again on a later run changes nothing.)
clock.MoveTo(BelgorodHistory.CorrectedAt);
await ledger.RecordAsync(BelgorodHistory.Correction);
var said = AsOf.EndOfDay(BelgorodHistory.BoardDates[^1]);
var beforeCorrection = AsOf.At(BelgorodHistory.RecordedAt).WithSaid(said);
var afterCorrection = AsOf.At(BelgorodHistory.CorrectedAt).WithSaid(said);

Console.WriteLine();
Console.WriteLine($"The board as recorded after the correction ({afterCorrection}); the 26 May board above is the");
Console.WriteLine("same question as recorded before it:");
Console.WriteLine();
Console.WriteLine((await ledger.GetBoardAsync(afterCorrection)).ToText());
Console.WriteLine((await ledger.DiffAsync(beforeCorrection, afterCorrection)).ToText());

// Every store keeps a hash chain over the history. Publish the digest; later anyone can show nothing was altered
// (claims verify --digest ..., or claims prove STATEMENT for one statement).
var integrity = await LedgerIntegrity.VerifyAsync(store);
Console.WriteLine($"Hash chain {integrity}");
return integrity.IsIntact ? 0 : 5;
