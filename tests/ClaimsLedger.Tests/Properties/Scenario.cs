using ClaimsLedger.Events;

namespace ClaimsLedger.Tests.Properties;

/// <summary>One step of a generated history: how far the clock moves, then the event recorded.</summary>
internal sealed record Step(TimeSpan Advance, LedgerEvent Event);

/// <summary>
/// Random but valid ledger histories: registrations, then statements of every kind, retractions, investigations,
/// amendments and strikes, with the clock moving between steps. Valid means the ledger accepts every step.
/// </summary>
internal sealed class Scenario
{
    public static readonly DateTimeOffset Start = new(2023, 6, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly FirstDay = new(2023, 5, 1);

    private readonly Random _random;
    private readonly List<Tracked> _statements = [];
    private int _next;

    private Scenario(int seed) => _random = new Random(seed);

    public IReadOnlyList<LedgerEvent> Registrations { get; private set; } = [];

    public IReadOnlyList<Step> Steps { get; private set; } = [];

    public IReadOnlyList<string> Claims { get; private set; } = [];

    public static Scenario Generate(int seed, int size)
    {
        var scenario = new Scenario(seed);
        scenario.Build(size);
        return scenario;
    }

    private sealed class Tracked(Statement statement)
    {
        public Statement Statement { get; set; } = statement;

        public bool Struck { get; set; }

        public List<Tracked> Conclusions { get; } = [];

        /// <summary>The retractions of this statement; rule 7 holds them to its actor and saidAt.</summary>
        public List<Tracked> Retractions { get; } = [];

        /// <summary>For a retraction, the statement it retracts.</summary>
        public Tracked? Target { get; init; }

        public IEnumerable<Tracked> LiveRetractions => Retractions.Where(r => !r.Struck);

        public bool Concluded => Conclusions.Any(c => !c.Struck);
    }

    private static readonly string[] Actors = ["a0", "a1", "a2", "a3"];

    private void Build(int size)
    {
        Claims = [.. new[] { "c0", "c1", "c2" }.Take(_random.Next(1, 4))];
        Registrations =
        [
            new SourceRegistered("src", "Source", "A source"),
            new SourceRegistered("src2", "Other source", "Another source"),
            .. Actors.Select(a => new ActorRegistered(a, a.ToUpperInvariant(), ActorKind.Person)),
            .. Claims.Select(c => new ClaimRegistered(c, $"Claim {c}") { Incidents = [c == "c0" ? "first" : "other"] }),
        ];
        var steps = new List<Step>();
        for (var i = 0; i < size; i++)
        {
            var advance = _random.Next(3) == 0 ? TimeSpan.Zero : TimeSpan.FromMinutes(_random.Next(1, 180));
            steps.Add(new Step(advance, NextEvent()));
        }

        Steps = steps;
    }

    private LedgerEvent NextEvent()
    {
        var roll = _random.Next(100);
        var live = _statements.Where(s => !s.Struck).ToList();
        if (roll < 12 && Pick(live.Where(s => s.Statement is StanceStatement or ReactionExpressed or EvidencePresented)) is { } target)
        {
            var t = target.Statement;
            var saidAt = RandomSaidAt();
            if (saidAt.Start < t.SaidAt.Start)
            {
                saidAt = t.SaidAt;
            }

            var retraction = new Tracked(new StatementRetracted(NewId("r"), t.Claim, t.Actor, saidAt, "src", t.Id))
            {
                Target = target,
            };
            _statements.Add(retraction);
            target.Retractions.Add(retraction);
            return retraction.Statement;
        }

        if (roll < 18 && Pick(live.Where(s => s.Statement is InvestigationOpened && !s.Concluded)) is { } opening)
        {
            var outcome = (FindingOutcome)_random.Next(1, 5);
            var finding = new Finding(outcome) { Summary = outcome == FindingOutcome.Other ? "partly" : null };
            var conclusion = new InvestigationConcluded(NewId("k"), opening.Statement.Claim, RandomActor(), RandomSaidAt(),
                "src", opening.Statement.Id, finding);
            var tracked = Track(conclusion);
            opening.Conclusions.Add(tracked);
            return conclusion;
        }

        if (roll < 30 && Pick(live) is { } amended)
        {
            var changes = RandomChanges(amended);
            amended.Statement = ReferenceModel.Amend(amended.Statement, changes);
            return new StatementAmended(NewId("fix"), amended.Statement.Id, changes, "correction");
        }

        if (roll < 36 && Pick(live) is { } struck)
        {
            struck.Struck = true;
            return new StatementStruck(NewId("strike"), struck.Statement.Id, "recorded in error");
        }

        var claim = Claims[_random.Next(Claims.Count)];
        var id = NewId("s");
        Statement statement = roll switch
        {
            < 44 => new ReactionExpressed(id, claim, RandomActor(), RandomSaidAt(), "src", (ReactionKind)_random.Next(1, 6)),
            < 48 => new EvidencePresented(id, claim, RandomActor(), RandomSaidAt(), "src", EvidenceKind.Photo, "a photo"),
            < 55 => new InvestigationOpened(id, claim, RandomActor(), RandomSaidAt(), "src"),
            < 78 => new StatementAsserted(id, claim, RandomActor(), RandomSaidAt(), RandomSource()) { Certainty = RandomCertainty(), Quote = RandomQuote() },
            _ => new StatementDenied(id, claim, RandomActor(), RandomSaidAt(), RandomSource()) { Certainty = RandomCertainty(), Via = RandomVia() },
        };
        return Add(statement);
    }

    // Rule 7 binds a live retraction to its target: the retraction may not start before it. (An actor may change: rule 4
    // then leaves the retraction without effect.)
    private StatementChanges RandomChanges(Tracked tracked)
    {
        var target = tracked.Statement;
        var earliest = tracked.Target is { Struck: false } t ? t.Statement.SaidAt.Start : DateTimeOffset.MinValue;
        var latest = tracked.LiveRetractions.Select(r => r.Statement.SaidAt.Start).DefaultIfEmpty(DateTimeOffset.MaxValue).Min();
        var changes = new StatementChanges();
        while (changes == new StatementChanges())
        {
            var saidAt = RandomSaidAt();
            changes = _random.Next(6) switch
            {
                0 => changes with { Actor = RandomActor() },
                1 when target is StanceStatement => changes with { Certainty = RandomCertainty() },
                2 when saidAt.Start >= earliest && saidAt.Start <= latest => changes with { SaidAt = saidAt },
                3 when target.Quote is not null => changes with { RemoveQuote = true },
                3 => changes with { Quote = "amended quote" },
                4 => changes with { Via = RandomVia() },
                _ => changes with { Source = RandomSource() },
            };
        }

        return changes;
    }

    private Statement Add(Statement statement)
    {
        Track(statement);
        return statement;
    }

    private Tracked Track(Statement statement)
    {
        var tracked = new Tracked(statement);
        _statements.Add(tracked);
        return tracked;
    }

    private Tracked? Pick(IEnumerable<Tracked> candidates)
    {
        var list = candidates.ToList();
        return list.Count == 0 ? null : list[_random.Next(list.Count)];
    }

    private string NewId(string prefix) => $"{prefix}{_next++}";

    private string RandomActor() => Actors[_random.Next(Actors.Length)];

    private string RandomSource() => _random.Next(4) == 0 ? "src2" : "src";

    private Certainty RandomCertainty() => (Certainty)_random.Next(1, 4);

    private string? RandomQuote() => _random.Next(3) == 0 ? "a quote" : null;

    private ActorId[] RandomVia() => _random.Next(3) == 0 ? [RandomActor()] : [];

    private SaidAt RandomSaidAt()
    {
        var day = FirstDay.AddDays(_random.Next(20));
        return _random.Next(10) switch
        {
            < 4 => SaidAt.Day(day),
            < 6 => SaidAt.Instant(SaidAt.Day(day).Start.AddMinutes(_random.Next(1440))),
            < 8 => SaidAt.Range(day, day.AddDays(_random.Next(1, 6))),
            8 => SaidAt.Month(2023, 5),
            _ => _random.Next(2) == 0 ? SaidAt.Year(2023) : SaidAt.Day(day),
        };
    }
}
