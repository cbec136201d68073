using ClaimsLedger.Index;

namespace ClaimsLedger.Views;

/// <summary>Computes <see cref="LedgerDiff"/> by evaluating every claim at both points and comparing.</summary>
internal static class LedgerDiffer
{
    public static LedgerDiff Diff(LedgerIndex index, AsOf from, AsOf to)
    {
        var before = new ViewFactory(index, from);
        var after = new ViewFactory(index, to);
        var claims = new List<ClaimDiff>();
        foreach (var claim in index.Claims.Values.OrderBy(c => c.Registration.Id))
        {
            using var was = ClaimEvaluation.Evaluate(claim, from);
            using var now = ClaimEvaluation.Evaluate(claim, to);
            if (was.IsEmpty && now.IsEmpty)
            {
                continue;
            }

            var diff = Compare(before.Status(was), after.Status(now), now, index, to);
            if (diff is not null)
            {
                claims.Add(diff);
            }
        }

        var corrections = index.CorrectionLog
            .Where(c => c.RecordedAt > from.Recorded && c.RecordedAt <= to.Recorded)
            .Select(Correction);
        return new LedgerDiff(from, to, claims, [.. corrections]);
    }

    private static ClaimDiff? Compare(ClaimStatus was, ClaimStatus now, ClaimEvaluation nowEvaluation,
        LedgerIndex index, AsOf to)
    {
        var positions = new List<PositionChange>();
        var actors = was.Positions.Select(p => p.Actor.Id).Union(now.Positions.Select(p => p.Actor.Id)).Order();
        foreach (var actor in actors)
        {
            var before = was.PositionOf(actor);
            var after = now.PositionOf(actor);
            if (Same(before, after))
            {
                continue;
            }

            var change = before is null ? ChangeKind.Added : after is null ? ChangeKind.Removed : ChangeKind.Changed;
            var reason = change == ChangeKind.Removed ? WhyRemoved(before!, nowEvaluation, index, to) : (RemovalReason?)null;
            positions.Add(new PositionChange(after?.Actor ?? before!.Actor, change, before, after, reason));
        }

        var investigations = new List<InvestigationChange>();
        var ids = was.Investigations.Select(i => i.Opening.Statement)
            .Union(now.Investigations.Select(i => i.Opening.Statement));
        foreach (var id in ids)
        {
            var before = was.Investigations.FirstOrDefault(i => i.Opening.Statement == id);
            var after = now.Investigations.FirstOrDefault(i => i.Opening.Statement == id);
            if (!Same(before, after))
            {
                var change = before is null ? ChangeKind.Added : after is null ? ChangeKind.Removed : ChangeKind.Changed;
                investigations.Add(new InvestigationChange(id, change, before, after));
            }
        }

        return positions.Count == 0 && investigations.Count == 0 && was.Contested == now.Contested
            ? null
            : new ClaimDiff(now.Claim, was.Contested, now.Contested, positions, investigations);
    }

    // Compared by what the statement says, not by how its actors are described (affiliations differ by said time).
    private static bool Same(PositionView? a, PositionView? b) =>
        a is null || b is null
            ? a is null && b is null
            : a.Statement == b.Statement && a.Stance == b.Stance && a.Certainty == b.Certainty
              && a.SaidAt == b.SaidAt && a.Quote == b.Quote && a.Actor.Id == b.Actor.Id
              && a.Provenance.Source.Id == b.Provenance.Source.Id
              && a.Provenance.Via.Select(v => v.Id).SequenceEqual(b.Provenance.Via.Select(v => v.Id));

    private static bool Same(InvestigationView? a, InvestigationView? b) =>
        a is null || b is null
            ? a is null && b is null
            : a.Opening.Statement == b.Opening.Statement && a.Status == b.Status
              && a.Conclusion?.Statement == b.Conclusion?.Statement && a.Finding == b.Finding;

    private static RemovalReason WhyRemoved(PositionView before, ClaimEvaluation now, LedgerIndex index, AsOf to)
    {
        var entry = index.Statements[before.Statement];
        if (entry.IsStruckAt(to.Recorded))
        {
            return RemovalReason.Struck;
        }

        if (now.IsRetracted(before.Statement))
        {
            return RemovalReason.Retracted;
        }

        return entry.TryAsRecordedAt(to.Recorded, out var statement, out _) && statement.Actor != before.Actor.Id
            ? RemovalReason.Reattributed
            : RemovalReason.NotCounted;
    }

    private static CorrectionView Correction(CorrectionEntry correction) => correction.Event switch
    {
        Events.StatementAmended amended => new CorrectionView(amended.Id, CorrectionKind.Amendment, amended.Statement,
            correction.Target.Original.Claim, amended.Reason, correction.RecordedAt, amended.Changes),
        Events.StatementStruck struck => new CorrectionView(struck.Id, CorrectionKind.Strike, struck.Statement,
            correction.Target.Original.Claim, struck.Reason, correction.RecordedAt, null),
        _ => throw new InvalidOperationException("unknown correction"),
    };
}
