using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;
using ClaimsLedger.Events;
using ClaimsLedger.Index;

namespace ClaimsLedger.Views;

/// <summary>The views, computed from the index as of (T, R). Each claim is evaluated from its own statement list,
/// so a one-claim view costs what that claim holds, not what the ledger holds.</summary>
internal static class LedgerQueries
{
    // Below this many claims a board is built on the calling thread: handing work to other threads costs more.
    private const int ParallelBoardClaims = 512;

    /// <summary>The whole board as of <paramref name="asOf"/>.</summary>
    /// <remarks>
    /// Claims are evaluated independently, so a large board is built on every core: the caller holds the index's
    /// lock, so no write changes the index meanwhile, and what a read fills in lazily is either per claim (its rows'
    /// order, evaluated by one thread) or the same whichever thread fills it in (summaries).
    /// </remarks>
    public static ClaimBoard Board(LedgerIndex index, AsOf asOf)
    {
        var claims = BoardClaims(index, asOf);
        var statuses = new ClaimStatus?[claims.Length];
        BoardEntries(index, asOf, claims, 0, statuses, claims.Length);
        return new ClaimBoard(asOf, [.. statuses.OfType<ClaimStatus>()]);
    }

    /// <summary>
    /// Puts the board entries of <paramref name="count"/> claims from <paramref name="claims"/>[<paramref name="from"/>]
    /// into <paramref name="entries"/> from its start: null for a claim nothing about which counts.
    /// </summary>
    public static void BoardEntries(LedgerIndex index, AsOf asOf, ClaimEntry[] claims, int from,
        ClaimStatus?[] entries, int count)
    {
        if (count < ParallelBoardClaims || Environment.ProcessorCount == 1)
        {
            Statuses(index, asOf, claims, entries, from, 0, count);
            return;
        }

        // Chunks of claims in id order, a few per core, so an unlucky chunk of large claims does not hold the rest up.
        var chunk = Math.Max(64, count / (8 * Environment.ProcessorCount));
        try
        {
            Parallel.ForEach(Partitioner.Create(0, count, chunk),
                range => Statuses(index, asOf, claims, entries, from, range.Item1, range.Item2));
        }
        catch (AggregateException e) when (e.InnerExceptions.Count > 0)
        {
            // The failure a board of few claims would throw, not the parallel loop's wrapper.
            ExceptionDispatchInfo.Throw(e.InnerExceptions[0]);
        }
    }

    /// <summary>The claims a board as of <paramref name="asOf"/> evaluates: those registered by R, in id order.</summary>
    public static ClaimEntry[] BoardClaims(LedgerIndex index, AsOf asOf) =>
        [.. index.Claims.Values.Where(c => c.RecordedAt <= asOf.Recorded).OrderBy(c => c.Registration.Id)];

    // entries[i] for i in [start, end): the entry of claims[from + i].
    private static void Statuses(LedgerIndex index, AsOf asOf, ClaimEntry[] claims, ClaimStatus?[] entries,
        int from, int start, int end)
    {
        var factory = new ViewFactory(index, asOf);
        for (var i = start; i < end; i++)
        {
            using var evaluation = ClaimEvaluation.Evaluate(claims[from + i], asOf);
            entries[i] = evaluation.IsEmpty ? null : factory.Status(evaluation);
        }
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
        foreach (var claimId in actor.Claims.Ids(index.ClaimsByNumber))
        {
            using var evaluation = ClaimEvaluation.Evaluate(index.Claims[claimId], asOf);
            foreach (var position in evaluation.Positions)
            {
                ref readonly var counted = ref evaluation.Statements[position];
                if (counted.Actor == id)
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
                var actor = position.Actor;
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
                if (Matches(statements[i], query))
                {
                    rows.Add((statements[i], Entry(factory, evaluation, i)));
                }
            }
        }

        rows.Sort((a, b) =>
        {
            return Counted.CompareOrder(a.Counted, b.Counted);
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

    private static bool Matches(in Counted counted, TimelineQuery query) =>
        (query.Actor is not { } actor || counted.Actor == actor)
        && (query.Source is not { } source || counted.SourceId == source)
        && (query.From is not { } from || counted.SaidEnd > from.UtcTicks || counted.SaidStart >= from.UtcTicks)
        && (query.To is not { } to || counted.SaidStart < to.UtcTicks);

    // Read from the statement's bytes rather than decoding the whole retraction for its id.
    private static StatementId IdOf(StatementEntry entry) => entry.Table.IdOf(entry.Number);

    private static TimelineEntry Entry(ViewFactory factory, ClaimEvaluation evaluation, int index)
    {
        ref readonly var counted = ref evaluation.Statements[index];
        var statement = counted.Parts;
        var retraction = evaluation.RetractionOf(index);
        var stance = counted.IsStance;
        var conclusion = statement.Kind == StatementKind.InvestigationConcluded;
        var corrections = counted.Entry.Corrections
            .Where(c => c.RecordedAt <= factory.AsOf.Recorded)
            .Select(c => c.Id);
        return new TimelineEntry(
            factory.Claim(evaluation.Claim),
            factory.Statement(counted, statement),
            stance ? statement.Stance : null,
            stance ? statement.Certainty : null,
            conclusion ? statement.Finding : null,
            conclusion ? statement.Target : (StatementId?)null,
            retraction >= 0 ? IdOf(evaluation.Statements[retraction].Entry) : (StatementId?)null,
            [.. corrections]);
    }
}
