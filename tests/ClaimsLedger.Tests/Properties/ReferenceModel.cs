using ClaimsLedger.Events;
using ClaimsLedger.Storage;

namespace ClaimsLedger.Tests.Properties;

/// <summary>
/// The design's precise rules written out literally over the raw log, independently of the library's index, as
/// the oracle for property tests.
/// </summary>
internal static class ReferenceModel
{
    public sealed record Logged(LedgerEvent Event, DateTimeOffset RecordedAt, GlobalPosition Position);

    /// <summary>What a claim looks like as of (T, R), reduced to what the rules decide.</summary>
    public sealed record ClaimOutcome(
        SortedDictionary<string, string> Positions,
        bool Contested,
        SortedDictionary<string, string> Investigations,
        SortedSet<string> Reactions,
        SortedSet<string> Evidence,
        SortedSet<string> Retracted);

    public static ClaimOutcome Evaluate(IReadOnlyList<Logged> log, ClaimId claim, AsOf asOf)
    {
        // Rule 6 then rule 2: the statement as held at R, then inclusion by recordedAt and said time.
        var counted = new List<(Statement Statement, GlobalPosition Position, DateTimeOffset RecordedAt, bool Corrected)>();
        foreach (var entry in log.Where(l => l.Event is Statement s && s.Claim == claim && l.RecordedAt <= asOf.Recorded))
        {
            Statement? statement = (Statement)entry.Event;
            var corrected = false;
            foreach (var correction in log.Where(l => l.RecordedAt <= asOf.Recorded))
            {
                corrected |= correction.Event is StatementAmended a && a.Statement == statement?.Id;
                statement = correction.Event switch
                {
                    StatementStruck struck when struck.Statement == statement?.Id => null,
                    StatementAmended amended when amended.Statement == statement?.Id => Amend(statement!, amended.Changes),
                    _ => statement,
                };
            }

            if (statement is null)
            {
                continue;
            }

            var said = asOf.Inclusion == SaidInclusion.PossiblySaid
                ? statement.SaidAt.Start <= asOf.Said
                : statement.SaidAt.End <= asOf.Said;
            if (said)
            {
                counted.Add((statement, entry.Position, entry.RecordedAt, corrected));
            }
        }

        // Rule 3.
        var sorted = counted
            .OrderBy(c => c.Statement.SaidAt.Start).ThenBy(c => c.Statement.SaidAt.End).ThenBy(c => c.Position)
            .ToList();
        var ordered = sorted.Select(c => c.Statement).ToList();
        var details = sorted.ToDictionary(c => c.Statement.Id, c => (c.RecordedAt, c.Corrected));

        // Rule 4.
        var retracted = ordered.OfType<StatementRetracted>()
            .Where(r => ordered.Any(t => t.Id == r.Target && t.Actor == r.Actor))
            .Select(r => r.Target.Value)
            .ToHashSet();
        var positions = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var stance in ordered.OfType<StanceStatement>().Where(s => !retracted.Contains(s.Id.Value)))
        {
            var (recordedAt, corrected) = details[stance.Id];
            positions[stance.Actor.Value] = Position(stance.Id.Value, stance.Stance, stance.Certainty, stance.SaidAt,
                stance.Quote, stance.Source.Value, stance.Via.Select(v => v.Value), recordedAt, corrected);
        }

        // Rule 5.
        var contested = positions.Values.Any(p => p.Contains(":Asserts:", StringComparison.Ordinal))
                        && positions.Values.Any(p => p.Contains(":Denies:", StringComparison.Ordinal));
        var investigations = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var opening in ordered.OfType<InvestigationOpened>())
        {
            var conclusion = ordered.OfType<InvestigationConcluded>().LastOrDefault(c => c.Investigation == opening.Id);
            investigations[opening.Id.Value] = conclusion is null ? "open" : $"concluded:{conclusion.Id}:{conclusion.Finding.Outcome}";
        }

        return new ClaimOutcome(
            positions,
            contested,
            investigations,
            [.. ordered.OfType<ReactionExpressed>().Where(r => !retracted.Contains(r.Id.Value)).Select(r => r.Id.Value)],
            [.. ordered.OfType<EvidencePresented>().Where(e => !retracted.Contains(e.Id.Value)).Select(e => e.Id.Value)],
            [.. retracted]);
    }

    public static ClaimOutcome FromView(ClaimsLedger.Views.ClaimStatus? status) => status is null
        ? new ClaimOutcome([], false, [], [], [], [])
        : new ClaimOutcome(
            new SortedDictionary<string, string>(
                status.Positions.ToDictionary(p => p.Actor.Id.Value, p => Position(p.Statement.Value, p.Stance,
                    p.Certainty, p.SaidAt, p.Quote, p.Provenance.Source.Id.Value, p.Provenance.Via.Select(v => v.Id.Value),
                    p.RecordedAt, p.Corrected)),
                StringComparer.Ordinal),
            status.Contested,
            new SortedDictionary<string, string>(
                status.Investigations.ToDictionary(i => i.Opening.Statement.Value,
                    i => i.Conclusion is null ? "open" : $"concluded:{i.Conclusion.Statement}:{i.Finding!.Outcome}"),
                StringComparer.Ordinal),
            [.. status.Reactions.Select(r => r.Statement.Value)],
            [.. status.Evidence.Select(e => e.Statement.Value)],
            [.. status.Retractions.Select(r => r.Target!.Value.Value)]);

    // Everything a position shows that the rules decide: which statement, and that statement as corrected by R.
    private static string Position(string statement, Stance stance, Certainty certainty, SaidAt saidAt, string? quote,
        string source, IEnumerable<string> via, DateTimeOffset recordedAt, bool corrected) =>
        $"{statement}:{stance}:{certainty}:{saidAt}:{quote ?? "-"}:{source}:[{string.Join(">", via)}]:" +
        $"{recordedAt:O}:{(corrected ? "corrected" : "original")}";

    public static string Describe(ClaimOutcome outcome) =>
        $"positions [{string.Join(", ", outcome.Positions.Select(p => $"{p.Key}={p.Value}"))}] contested {outcome.Contested} " +
        $"investigations [{string.Join(", ", outcome.Investigations.Select(p => $"{p.Key}={p.Value}"))}] " +
        $"reactions [{string.Join(",", outcome.Reactions)}] evidence [{string.Join(",", outcome.Evidence)}] " +
        $"retracted [{string.Join(",", outcome.Retracted)}]";

    /// <summary>Rule 6 applied by hand, independently of <see cref="StatementChanges"/>.</summary>
    public static Statement Amend(Statement s, StatementChanges c)
    {
        var result = s with
        {
            Actor = c.Actor ?? s.Actor,
            SaidAt = c.SaidAt ?? s.SaidAt,
            Source = c.Source ?? s.Source,
            Quote = c.RemoveQuote ? null : c.Quote ?? s.Quote,
            Via = c.Via ?? s.Via,
        };
        return result is StanceStatement stance && c.Certainty is { } certainty ? stance with { Certainty = certainty } : result;
    }
}
