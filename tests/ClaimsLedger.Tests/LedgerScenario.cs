using ClaimsLedger.Events;
using ClaimsLedger.Storage.InMemory;
using Microsoft.Extensions.Time.Testing;

namespace ClaimsLedger.Tests;

/// <summary>
/// A small ledger for rule tests: claims <c>claim</c> and <c>other-claim</c>, actors <c>alice</c>, <c>bob</c>,
/// <c>carol</c> and the organisation <c>agency</c>, source <c>paper</c>. The clock starts on 1 June 2023, after
/// every saidAt used in the tests, and stands still unless a test moves it.
/// </summary>
internal sealed class LedgerScenario
{
    public const string Claim = "claim";
    public const string OtherClaim = "other-claim";
    public const string Source = "paper";

    private LedgerScenario(FakeTimeProvider clock, InMemoryEventStore store, Ledger ledger)
    {
        Clock = clock;
        Store = store;
        Ledger = ledger;
    }

    public static DateTimeOffset Start { get; } = new(2023, 6, 1, 0, 0, 0, TimeSpan.Zero);

    public FakeTimeProvider Clock { get; }

    public InMemoryEventStore Store { get; }

    public Ledger Ledger { get; }

    /// <summary>Now on both axes.</summary>
    public AsOf Now => Ledger.Now();

    public static async Task<LedgerScenario> StartAsync()
    {
        var clock = new FakeTimeProvider(Start);
        var store = new InMemoryEventStore(clock);
        var ledger = await Ledger.OpenAsync(store, new LedgerOptions { Clock = clock });
        await ledger.RecordAsync(
        [
            new ClaimRegistered(Claim, "The bridge was destroyed by a missile") { Incidents = ["bridge-attack"] },
            new ClaimRegistered(OtherClaim, "The dam was breached deliberately") { Incidents = ["dam-breach"] },
            new ActorRegistered("alice", "Alice Adams", ActorKind.Person),
            new ActorRegistered("bob", "Bob Brown", ActorKind.Person),
            new ActorRegistered("carol", "Carol Chen", ActorKind.Person),
            new ActorRegistered("agency", "News Agency", ActorKind.Media),
            new SourceRegistered(Source, "Daily Paper", "Bridge coverage") { Url = new Uri("https://paper.example/bridge") },
        ]);
        return new LedgerScenario(clock, store, ledger);
    }

    public Task<RecordResult> RecordAsync(params LedgerEvent[] events) => Ledger.RecordAsync(events);

    /// <summary>Moves the clock forward and returns the new now.</summary>
    public DateTimeOffset Later(TimeSpan? by = null)
    {
        Clock.Advance(by ?? TimeSpan.FromHours(1));
        return Clock.GetUtcNow();
    }

    public Task<ClaimsLedger.Views.ClaimStatus?> ClaimAsync(AsOf asOf, string claim = Claim) => Ledger.GetClaimAsync(claim, asOf);

    public static StatementAsserted Asserts(string id, string actor, string saidAt, string claim = Claim) =>
        new(id, claim, actor, SaidAt.Parse(saidAt), Source);

    public static StatementDenied Denies(string id, string actor, string saidAt, string claim = Claim) =>
        new(id, claim, actor, SaidAt.Parse(saidAt), Source);

    public static StatementRetracted Retracts(string id, string actor, string target, string saidAt, string claim = Claim) =>
        new(id, claim, actor, SaidAt.Parse(saidAt), Source, target);

    public static InvestigationOpened Opens(string id, string actor, string saidAt, string claim = Claim) =>
        new(id, claim, actor, SaidAt.Parse(saidAt), Source);

    public static InvestigationConcluded Concludes(string id, string actor, string investigation, string saidAt,
        FindingOutcome outcome = FindingOutcome.Supported, string claim = Claim) =>
        new(id, claim, actor, SaidAt.Parse(saidAt), Source, investigation, new Finding(outcome));

    public static ReactionExpressed Reacts(string id, string actor, string saidAt, ReactionKind reaction = ReactionKind.Condemns,
        string claim = Claim) =>
        new(id, claim, actor, SaidAt.Parse(saidAt), Source, reaction);

    public static EvidencePresented Presents(string id, string actor, string saidAt, string claim = Claim) =>
        new(id, claim, actor, SaidAt.Parse(saidAt), Source, EvidenceKind.Footage, "video of the bridge");

    public static AsOf SaidBy(string point, DateTimeOffset recorded) =>
        new(AsOf.ParsePoint(point), recorded, SaidInclusion.CertainlySaid);
}
