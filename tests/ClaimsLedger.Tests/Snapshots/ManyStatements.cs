using ClaimsLedger.Events;

namespace ClaimsLedger.Tests.Snapshots;

/// <summary>A ledger of thousands of statements in random saidAt order over 40 claims, with amendments and strikes.</summary>
internal static class ManyStatements
{
    private const int Claims = 40;
    private const int Actors = 25;

    public static IEnumerable<LedgerEvent> Registrations()
    {
        yield return new SourceRegistered("wire", "Wire Service", "Daily wire");
        for (var c = 0; c < Claims; c++)
        {
            yield return new ClaimRegistered($"claim-{c:D2}", $"Claim number {c}");
        }

        for (var a = 0; a < Actors; a++)
        {
            yield return new ActorRegistered($"actor-{a:D2}", $"Actor {a}", ActorKind.Person);
        }
    }

    public static IEnumerable<LedgerEvent> Statements(int count)
    {
        var random = new Random(7);
        for (var i = 0; i < count; i++)
        {
            var claim = $"claim-{random.Next(Claims):D2}";
            var actor = $"actor-{random.Next(Actors):D2}";
            var said = SaidAt.Day(new DateOnly(2023, 1, 1).AddDays(random.Next(120)));
            yield return random.Next(3) == 0
                ? new StatementDenied($"s-{i:D5}", claim, actor, said, "wire") { Quote = $"No, says {actor} ({i})" }
                : new StatementAsserted($"s-{i:D5}", claim, actor, said, "wire") { Quote = $"Yes, says {actor} ({i})" };
        }
    }

    public static IEnumerable<LedgerEvent> Corrections(int count)
    {
        for (var i = 0; i < count; i += 97)
        {
            yield return i % 2 == 0
                ? new StatementAmended($"fix-{i:D5}", $"s-{i:D5}", new StatementChanges { Certainty = Certainty.Possible }, "misread")
                : new StatementStruck($"strike-{i:D5}", $"s-{i:D5}", "recorded in error");
        }
    }
}
