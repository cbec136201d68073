using ClaimsLedger;
using ClaimsLedger.Events;
using ClaimsLedger.Storage.InMemory;

var ledger = await Ledger.OpenAsync(new InMemoryEventStore());

await ledger.RecordAsync(
[
    new ClaimRegistered("ukraine-behind-raid", "Ukraine directed the Belgorod raid"),
    new ActorRegistered("podolyak", "Mykhailo Podolyak", ActorKind.Person),
    new ActorRegistered("russian-mod", "Russian Defence Ministry", ActorKind.Government),
    new SourceRegistered("article", "Unnamed news outlet", "Managing tensions with friends"),
    new StatementDenied("podolyak-denies", "ukraine-behind-raid", "podolyak", SaidAt.Parse("2023-05-22"), "article")
    {
        Quote = "nothing to do with it",
    },
    new StatementAsserted("mod-blames-kyiv", "ukraine-behind-raid", "russian-mod", SaidAt.Parse("2023-05-23"), "article"),
]);

// Who says what, as said by the end of 24 May 2023 and as recorded now.
var board = await ledger.GetBoardAsync(ledger.Now().WithSaid(AsOf.ParsePoint("2023-05-24")));
Console.WriteLine(board.ToText());
