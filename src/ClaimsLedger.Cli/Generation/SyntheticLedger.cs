using ClaimsLedger.Events;
using ClaimsLedger.Interchange;

namespace ClaimsLedger.Cli.Generation;

/// <summary>How big a synthetic ledger to generate.</summary>
internal sealed record SyntheticLedgerOptions(int Statements, int Claims, int Actors, int Sources, int Seed)
{
    /// <exception cref="ArgumentException">A count is out of range.</exception>
    public void Validate()
    {
        if (Statements < 0 || Claims < 1 || Actors < 2 || Sources < 1)
        {
            throw new ArgumentException(
                "generate needs --statements >= 0, --claims >= 1, --actors >= 2 and --sources >= 1");
        }
    }
}

/// <summary>
/// Writes a large, valid, deterministic (per seed) ledger in the interchange notes format for benchmarks: sources,
/// actors, claims, then statements of every kind with retractions, investigations, amendments and strikes.
/// </summary>
internal sealed class SyntheticLedger
{
    private static readonly DateOnly FirstDay = new(2022, 1, 1);
    private const int Days = 730;

    private readonly SyntheticLedgerOptions _options;
    private readonly Random _random;
    private readonly List<Said>[] _retractable;
    private readonly List<string>[] _openInvestigations;
    private readonly List<Said> _all = [];
    private long _corrections;

    private SyntheticLedger(SyntheticLedgerOptions options)
    {
        _options = options;
        _random = new Random(options.Seed);
        _retractable = [.. Enumerable.Range(0, options.Claims).Select(_ => new List<Said>())];
        _openInvestigations = [.. Enumerable.Range(0, options.Claims).Select(_ => new List<string>())];
    }

    /// <summary>Writes the ledger; returns how many lines were written.</summary>
    public static async Task<long> WriteAsync(TextWriter writer, SyntheticLedgerOptions options,
        CancellationToken cancellationToken)
    {
        options.Validate();
        var generator = new SyntheticLedger(options);
        long lines = 0;
        foreach (var @event in generator.Events())
        {
            cancellationToken.ThrowIfCancellationRequested();
            await writer.WriteLineAsync(LedgerInterchange.ToLine(@event)).ConfigureAwait(false);
            lines++;
        }

        await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
        return lines;
    }

    private sealed record Said(string Id, int Claim, ActorId Actor, DateOnly Day, bool Stance)
    {
        public bool Struck { get; set; }
    }

    private IEnumerable<LedgerEvent> Events()
    {
        for (var s = 0; s < _options.Sources; s++)
        {
            yield return new SourceRegistered(SourceId(s), $"Publisher {s % 97}", $"Report {s}")
            {
                Published = SaidAt.Day(FirstDay.AddDays(s % Days)),
            };
        }

        var kinds = Enum.GetValues<ActorKind>();
        for (var a = 0; a < _options.Actors; a++)
        {
            var anonymous = a % 10 == 9;
            yield return new ActorRegistered(ActorId(a), anonymous ? $"Officials {a}" : $"Speaker {a}",
                anonymous ? ActorKind.Collective : kinds[a % kinds.Length])
            { Anonymous = anonymous };
        }

        for (var c = 0; c < _options.Claims; c++)
        {
            yield return new ClaimRegistered(ClaimId(c), $"Synthetic claim number {c}") { Incidents = [$"incident-{c % 500}"] };
        }

        for (var i = 0; i < _options.Statements; i++)
        {
            foreach (var @event in Next(i))
            {
                yield return @event;
            }
        }
    }

    private IEnumerable<LedgerEvent> Next(int i)
    {
        var claim = _random.Next(_options.Claims);
        var roll = _random.Next(100);
        var id = $"st-{i:D8}";
        if (roll < 8 && Pick(_retractable[claim]) is { } target)
        {
            var day = target.Day.AddDays(1 + _random.Next(30));
            yield return new StatementRetracted(id, ClaimId(claim), target.Actor, SaidAt.Day(day), Source(), target.Id);
        }
        else if (roll < 11 && _openInvestigations[claim].Count > 0)
        {
            var investigation = _openInvestigations[claim][^1];
            _openInvestigations[claim].RemoveAt(_openInvestigations[claim].Count - 1);
            yield return new InvestigationConcluded(id, ClaimId(claim), Actor(), Day(), Source(), investigation,
                new Finding((FindingOutcome)_random.Next(1, 4)));
        }
        else if (roll < 14)
        {
            _openInvestigations[claim].Add(id);
            yield return new InvestigationOpened(id, ClaimId(claim), Actor(), Day(), Source());
        }
        else
        {
            yield return Statement(id, claim, roll);
        }

        if (_random.Next(100) < 4 && Pick(_all) is { } corrected)
        {
            yield return Correct(corrected);
        }
    }

    private Statement Statement(string id, int claim, int roll)
    {
        var actor = Actor();
        var saidAt = Day();
        Statement statement = roll switch
        {
            < 22 => new ReactionExpressed(id, ClaimId(claim), actor, saidAt, Source(), (ReactionKind)_random.Next(1, 6)),
            < 26 => new EvidencePresented(id, ClaimId(claim), actor, saidAt, Source(), EvidenceKind.Document, $"document {id}"),
            < 65 => new StatementAsserted(id, ClaimId(claim), actor, saidAt, Source()) { Certainty = Certainty() },
            _ => new StatementDenied(id, ClaimId(claim), actor, saidAt, Source()) { Certainty = Certainty() },
        };
        statement = statement with { Quote = _random.Next(3) == 0 ? $"quote of {id}" : null };
        var said = new Said(id, claim, actor, DateOnly.FromDateTime(saidAt.Start.UtcDateTime), statement is StanceStatement);
        _retractable[claim].Add(said);
        _all.Add(said);
        return statement;
    }

    private LedgerEvent Correct(Said target)
    {
        var id = $"fix-{_corrections++:D7}";
        if (_random.Next(5) == 0)
        {
            target.Struck = true;
            return new StatementStruck(id, target.Id, "recorded in error");
        }

        var changes = target.Stance && _random.Next(2) == 0
            ? new StatementChanges { Certainty = Certainty() }
            : new StatementChanges { Quote = $"corrected quote {id}" };
        return new StatementAmended(id, target.Id, changes, "checked against the recording");
    }

    private Said? Pick(List<Said> candidates)
    {
        for (var attempt = 0; attempt < 3 && candidates.Count > 0; attempt++)
        {
            var candidate = candidates[_random.Next(candidates.Count)];
            if (!candidate.Struck)
            {
                return candidate;
            }
        }

        return null;
    }

    private SaidAt Day()
    {
        var day = FirstDay.AddDays(_random.Next(Days));
        return _random.Next(20) switch
        {
            < 12 => SaidAt.Day(day),
            < 15 => SaidAt.Instant(SaidAt.Day(day).Start.AddMinutes(_random.Next(1440))),
            < 17 => SaidAt.Month(day.Year, day.Month),
            < 19 => SaidAt.Range(day, day.AddDays(_random.Next(1, 7))),
            _ => SaidAt.Year(day.Year),
        };
    }

    private Certainty Certainty() => (Certainty)_random.Next(1, 4);

    private ActorId Actor() => ActorId(_random.Next(_options.Actors));

    private SourceId Source() => SourceId(_random.Next(_options.Sources));

    private static ClaimId ClaimId(int n) => new($"claim-{n:D6}");

    private static ActorId ActorId(int n) => new($"actor-{n:D5}");

    private static SourceId SourceId(int n) => new($"source-{n:D4}");
}
