namespace ClaimsLedger.Benchmarks.Baselines;

/// <summary>
/// A claim's state as a Marten live aggregate: every statement of the claim stream with the corrections applied, and
/// the positions computed from them by the design's rules 3-4 (latest assertion or denial per actor in said order,
/// not retracted by that actor, not struck). <c>AggregateStreamAsync(key, timestamp: R)</c> applies the events
/// recorded by R, so <see cref="Positions"/> is the ledger's claim board as of (T = the end of time, R).
/// </summary>
public sealed class MartenClaimState
{
    private readonly Dictionary<string, Said> _byId = new(StringComparer.Ordinal);

    public string Id { get; set; } = string.Empty;

    public List<Said> Statements { get; set; } = [];

    public void Apply(MartenClaimRegistered e) => Id = e.Id;

    public void Apply(MartenStatement e)
    {
        var said = new Said(e.Id, e.Kind, e.Actor, e.Stance, e.Certainty, e.SaidStart, e.SaidEnd, e.Target,
            Statements.Count);
        Statements.Add(said);
        _byId[e.Id] = said;
    }

    public void Apply(MartenAmended e)
    {
        if (_byId.TryGetValue(e.Statement, out var said))
        {
            said.Actor = e.Actor ?? said.Actor;
            said.Certainty = e.Certainty ?? said.Certainty;
            said.Start = e.SaidStart ?? said.Start;
            said.End = e.SaidEnd ?? said.End;
        }
    }

    public void Apply(MartenStruck e)
    {
        if (_byId.TryGetValue(e.Statement, out var said))
        {
            said.Struck = true;
        }
    }

    /// <summary>Each actor's position: (actor, statement id, stance, certainty), ordered by actor.</summary>
    public IReadOnlyList<(string Actor, string Statement, string Stance, string Certainty)> Positions()
    {
        var counted = Statements.Where(s => !s.Struck)
            .OrderBy(s => s.Start).ThenBy(s => s.End).ThenBy(s => s.Order).ToList();
        var ids = counted.ToDictionary(s => s.Id, StringComparer.Ordinal);
        var retracted = new HashSet<string>(StringComparer.Ordinal);
        foreach (var retraction in counted.Where(s => s.Target is not null))
        {
            if (ids.TryGetValue(retraction.Target!, out var target) && target.Actor == retraction.Actor)
            {
                retracted.Add(target.Id);
            }
        }

        var positions = new Dictionary<string, Said>(StringComparer.Ordinal);
        foreach (var said in counted.Where(s => s.Stance is not null && !retracted.Contains(s.Id)))
        {
            positions[said.Actor] = said;
        }

        return [.. positions.Values.OrderBy(p => p.Actor, StringComparer.Ordinal)
            .Select(p => (p.Actor, p.Id, p.Stance!, p.Certainty!))];
    }

    /// <summary>One statement as the aggregate holds it.</summary>
    public sealed class Said(string id, string kind, string actor, string? stance, string? certainty,
        DateTimeOffset start, DateTimeOffset end, string? target, int order)
    {
        public string Id { get; } = id;

        public string Kind { get; } = kind;

        public string Actor { get; set; } = actor;

        public string? Stance { get; } = stance;

        public string? Certainty { get; set; } = certainty;

        public DateTimeOffset Start { get; set; } = start;

        public DateTimeOffset End { get; set; } = end;

        public string? Target { get; } = target;

        public int Order { get; } = order;

        public bool Struck { get; set; }
    }
}
