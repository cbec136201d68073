using ClaimsLedger.Events;

namespace ClaimsLedger.Index;

/// <summary>A statement that counts as of (T, R), as the ledger held it at R.</summary>
/// <param name="Entry">The recorded statement.</param>
/// <param name="Statement">The statement with corrections recorded by R applied.</param>
/// <param name="Corrected">True when at least one amendment was applied.</param>
internal sealed record Counted(StatementEntry Entry, Statement Statement, bool Corrected);

/// <summary>One claim evaluated as of (T, R) by the design's precise rules 2-5.</summary>
internal sealed class ClaimEvaluation
{
    private static readonly Comparer<Counted> StatementOrder = Comparer<Counted>.Create((a, b) =>
    {
        var bySaid = a.Statement.SaidAt.CompareTo(b.Statement.SaidAt);
        return bySaid != 0 ? bySaid : a.Entry.Ordinal.CompareTo(b.Entry.Ordinal);
    });

    private ClaimEvaluation(ClaimEntry claim, AsOf asOf, List<Counted> statements)
    {
        Claim = claim;
        AsOf = asOf;
        Statements = statements;
    }

    public ClaimEntry Claim { get; }

    public AsOf AsOf { get; }

    /// <summary>Counted statements in the ledger's statement order (rule 3).</summary>
    public List<Counted> Statements { get; }

    /// <summary>Retracted statements by id, with the counted retraction that withdrew each (rule 4).</summary>
    public Dictionary<StatementId, Counted> RetractedBy { get; } = [];

    /// <summary>Each actor's position: latest counted assertion or denial not retracted (rule 4).</summary>
    public List<Counted> Positions { get; } = [];

    /// <summary>Counted investigation openings with their latest counted conclusion, if any (rule 5).</summary>
    public List<(Counted Opening, Counted? Conclusion)> Investigations { get; } = [];

    public List<Counted> Reactions { get; } = [];

    public List<Counted> Evidence { get; } = [];

    /// <summary>Counted retractions that withdrew a counted statement of the same actor.</summary>
    public List<Counted> Retractions { get; } = [];

    /// <summary>Someone's position asserts the claim and another's denies it (rule 5).</summary>
    public bool Contested { get; private set; }

    public bool IsEmpty => Statements.Count == 0;

    public static ClaimEvaluation Evaluate(ClaimEntry claim, AsOf asOf)
    {
        var statements = new List<Counted>();
        foreach (var entry in claim.Statements)
        {
            if (entry.RecordedAt > asOf.Recorded
                || !entry.TryAsRecordedAt(asOf.Recorded, out var statement, out var corrections)
                || !asOf.CountsSaid(statement.SaidAt))
            {
                continue;
            }

            statements.Add(new Counted(entry, statement, corrections > 0));
        }

        if (claim.SaidAtAmendedFrom is { } amendedFrom && amendedFrom <= asOf.Recorded)
        {
            statements.Sort(StatementOrder);
        }

        var evaluation = new ClaimEvaluation(claim, asOf, statements);
        evaluation.Fold();
        return evaluation;
    }

    private void Fold()
    {
        Dictionary<StatementId, Counted>? byId = null;
        foreach (var counted in Statements)
        {
            if (counted.Statement is not StatementRetracted retraction)
            {
                continue;
            }

            byId ??= Statements.ToDictionary(c => c.Statement.Id);
            if (byId.TryGetValue(retraction.Target, out var target)
                && target.Statement.Actor == retraction.Actor
                && RetractedBy.TryAdd(retraction.Target, counted))
            {
                Retractions.Add(counted);
            }
        }

        var seen = new HashSet<ActorId>();
        for (var i = Statements.Count - 1; i >= 0; i--)
        {
            var counted = Statements[i];
            if (counted.Statement is StanceStatement && !RetractedBy.ContainsKey(counted.Statement.Id)
                && seen.Add(counted.Statement.Actor))
            {
                Positions.Add(counted);
            }
        }

        Positions.Reverse();
        Contested = Positions.Any(p => ((StanceStatement)p.Statement).Stance == Stance.Asserts)
                    && Positions.Any(p => ((StanceStatement)p.Statement).Stance == Stance.Denies);

        foreach (var counted in Statements)
        {
            switch (counted.Statement)
            {
                case InvestigationOpened opening:
                    var conclusion = Statements.LastOrDefault(c =>
                        c.Statement is InvestigationConcluded concluded && concluded.Investigation == opening.Id);
                    Investigations.Add((counted, conclusion));
                    break;
                case ReactionExpressed when !RetractedBy.ContainsKey(counted.Statement.Id):
                    Reactions.Add(counted);
                    break;
                case EvidencePresented when !RetractedBy.ContainsKey(counted.Statement.Id):
                    Evidence.Add(counted);
                    break;
            }
        }
    }
}
