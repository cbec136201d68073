using ClaimsLedger.Events;
using ClaimsLedger.Index;

namespace ClaimsLedger.Views;

/// <summary>The views, computed from the index as of (T, R). Each claim is evaluated from its own statement list,
/// so a one-claim view costs what that claim holds, not what the ledger holds.</summary>
internal static class LedgerQueries
{
    public static ClaimBoard Board(LedgerIndex index, AsOf asOf)
    {
        var factory = new ViewFactory(index, asOf);
        var claims = new List<ClaimStatus>();
        foreach (var claim in index.Claims.Values.Where(c => c.RecordedAt <= asOf.Recorded)
                     .OrderBy(c => c.Registration.Id))
        {
            using var evaluation = ClaimEvaluation.Evaluate(claim, asOf);
            if (!evaluation.IsEmpty)
            {
                claims.Add(factory.Status(evaluation));
            }
        }

        return new ClaimBoard(asOf, claims);
    }

    /// <summary>One claim's status, or null when the claim was not registered by R.</summary>
    public static ClaimStatus? Claim(LedgerIndex index, ClaimId id, AsOf asOf)
    {
        if (!index.Claims.TryGetValue(id, out var claim) || claim.RecordedAt > asOf.Recorded)
        {
            return null;
        }

        using var evaluation = ClaimEvaluation.Evaluate(claim, asOf);
        return new ViewFactory(index, asOf).Status(evaluation);
    }

    /// <summary>One actor's positions, or null when the actor was not registered by R.</summary>
    public static ActorPositions? Actor(LedgerIndex index, ActorId id, AsOf asOf)
    {
        if (!index.Actors.TryGetValue(id, out var actor) || actor.RecordedAt > asOf.Recorded)
        {
            return null;
        }

        var factory = new ViewFactory(index, asOf);
        var positions = new List<ActorPosition>();
        foreach (var claimId in actor.Claims.Ids())
        {
            using var evaluation = ClaimEvaluation.Evaluate(index.Claims[claimId], asOf);
            foreach (var position in evaluation.Positions)
            {
                ref readonly var counted = ref evaluation.Statements[position];
                if (counted.Statement.Actor == id)
                {
                    positions.Add(new ActorPosition(factory.Claim(evaluation.Claim), evaluation.Contested,
                        factory.Position(counted)));
                    break;
                }
            }
        }

        return ActorView(factory, actor, positions);
    }

    public static ActorsView Actors(LedgerIndex index, AsOf asOf)
    {
        var factory = new ViewFactory(index, asOf);
        var byActor = new Dictionary<ActorId, List<ActorPosition>>();
        foreach (var claim in index.Claims.Values.OrderBy(c => c.Registration.Id))
        {
            using var evaluation = ClaimEvaluation.Evaluate(claim, asOf);
            foreach (var at in evaluation.Positions)
            {
                ref readonly var position = ref evaluation.Statements[at];
                var actor = position.Statement.Actor;
                if (!byActor.TryGetValue(actor, out var list))
                {
                    byActor[actor] = list = [];
                }

                list.Add(new ActorPosition(factory.Claim(claim), evaluation.Contested, factory.Position(position)));
            }
        }

        return new ActorsView(asOf,
            [.. byActor.OrderBy(p => p.Key).Select(p => ActorView(factory, index.Actors[p.Key], p.Value))]);
    }

    public static Timeline Timeline(LedgerIndex index, TimelineQuery query, AsOf asOf)
    {
        var factory = new ViewFactory(index, asOf);
        var rows = new List<(Counted Counted, TimelineEntry Entry)>();
        foreach (var claim in ClaimsFor(index, query))
        {
            if (claim.RecordedAt > asOf.Recorded)
            {
                continue;
            }

            using var evaluation = ClaimEvaluation.Evaluate(claim, asOf);
            var statements = evaluation.Statements;
            for (var i = 0; i < statements.Length; i++)
            {
                if (Matches(statements[i].Statement, query))
                {
                    rows.Add((statements[i], Entry(factory, evaluation, i)));
                }
            }
        }

        rows.Sort((a, b) =>
        {
            var bySaid = a.Counted.Statement.SaidAt.CompareTo(b.Counted.Statement.SaidAt);
            return bySaid != 0 ? bySaid : a.Counted.Entry.Number.CompareTo(b.Counted.Entry.Number);
        });
        return new Timeline(asOf, query, [.. rows.Select(r => r.Entry)]);
    }

    private static ActorPositions ActorView(ViewFactory factory, ActorEntry actor, List<ActorPosition> positions) =>
        new(factory.AsOf, factory.Actor(actor.Registration.Id),
            [.. factory.CountedAffiliations(actor).Select(a =>
                new AffiliationView(factory.Actor(a.Start.Organisation), a.Start.Role, a.Start.Since))],
            positions);

    private static IEnumerable<ClaimEntry> ClaimsFor(LedgerIndex index, TimelineQuery query)
    {
        if (query.Claim is { } id)
        {
            return index.Claims.TryGetValue(id, out var claim) ? [claim] : [];
        }

        return query.Incident is { } incident
            ? index.Claims.Values.Where(c => c.Registration.Incidents.Contains(incident, StringComparer.Ordinal))
            : index.Claims.Values;
    }

    private static bool Matches(Statement statement, TimelineQuery query) =>
        (query.Actor is not { } actor || statement.Actor == actor)
        && (query.Source is not { } source || statement.Source == source)
        && (query.From is not { } from || statement.SaidAt.End > from || statement.SaidAt.Start >= from)
        && (query.To is not { } to || statement.SaidAt.Start < to);

    private static TimelineEntry Entry(ViewFactory factory, ClaimEvaluation evaluation, int index)
    {
        ref readonly var counted = ref evaluation.Statements[index];
        var statement = counted.Statement;
        var retraction = evaluation.RetractionOf(index);
        var stance = statement as StanceStatement;
        var conclusion = statement as InvestigationConcluded;
        var corrections = counted.Entry.Corrections
            .Where(c => c.RecordedAt <= factory.AsOf.Recorded)
            .Select(c => c.Id);
        return new TimelineEntry(
            factory.Claim(evaluation.Claim),
            factory.Statement(counted),
            stance?.Stance,
            stance?.Certainty,
            conclusion?.Finding,
            conclusion?.Investigation,
            retraction >= 0 ? evaluation.Statements[retraction].Statement.Id : (StatementId?)null,
            [.. corrections]);
    }
}
