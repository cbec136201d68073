using ClaimsLedger.Events;
using ClaimsLedger.Recording;

namespace ClaimsLedger.Benchmarks.Baselines;

// The same statements as Marten events: plain records (Marten serialises them with System.Text.Json), one per ledger
// event, carrying the same fields, appended to the same stream keys as the ledger uses ("claim:…", "actor:…", …).

public sealed record MartenClaimRegistered(string Id, string Text, string[] Incidents);

public sealed record MartenActorRegistered(string Id, string Name, string Kind, bool Anonymous);

public sealed record MartenSourceRegistered(string Id, string Publisher, string Title, string? Url, string? Published);

/// <summary>Any statement; <see cref="Kind"/> says which, and the kind's own fields are set.</summary>
public sealed record MartenStatement(
    string Id, string Kind, string Actor, string SaidAt, DateTimeOffset SaidStart, DateTimeOffset SaidEnd,
    string Source, string? Quote, string[]? Via, string? Stance, string? Certainty, string? Target,
    string? Investigation, string? Finding, string? Reaction, string? Evidence, string? Description);

public sealed record MartenAmended(string Id, string Statement, string? Actor, string? Certainty, string? Quote,
    DateTimeOffset? SaidStart, DateTimeOffset? SaidEnd, string Reason);

public sealed record MartenStruck(string Id, string Statement, string Reason);

/// <summary>Turns ledger events into (stream key, Marten event) pairs, remembering which claim each statement is on.</summary>
internal sealed class MartenEventMapper
{
    private readonly Dictionary<StatementId, ClaimId> _claimOf = [];

    public (string Stream, object Event) Map(LedgerEvent @event)
    {
        var stream = LedgerStreams.For(@event, id => _claimOf[id]).Value;
        object mapped = @event switch
        {
            ClaimRegistered e => new MartenClaimRegistered(e.Id.Value, e.Text, [.. e.Incidents]),
            ActorRegistered e => new MartenActorRegistered(e.Id.Value, e.Name, e.Kind.ToString(), e.Anonymous),
            SourceRegistered e => new MartenSourceRegistered(e.Id.Value, e.Publisher, e.Title, e.Url?.ToString(),
                e.Published?.ToString()),
            Statement e => Statement(e),
            StatementAmended e => new MartenAmended(e.Id.Value, e.Statement.Value, e.Changes.Actor?.Value,
                e.Changes.Certainty?.ToString(), e.Changes.Quote, e.Changes.SaidAt?.Start, e.Changes.SaidAt?.End,
                e.Reason),
            StatementStruck e => new MartenStruck(e.Id.Value, e.Statement.Value, e.Reason),
            _ => throw new NotSupportedException($"the generator does not write {@event.GetType().Name}"),
        };
        return (stream, mapped);
    }

    private MartenStatement Statement(Statement s)
    {
        _claimOf[s.Id] = s.Claim;
        var stance = s as StanceStatement;
        var conclusion = s as InvestigationConcluded;
        var evidence = s as EvidencePresented;
        return new MartenStatement(s.Id.Value, s.Kind.ToString(), s.Actor.Value, s.SaidAt.ToString(), s.SaidAt.Start,
            s.SaidAt.End, s.Source.Value, s.Quote, s.Via.Count == 0 ? null : [.. s.Via.Select(v => v.Value)],
            stance?.Stance.ToString(), stance?.Certainty.ToString(), (s as StatementRetracted)?.Target.Value,
            conclusion?.Investigation.Value, conclusion?.Finding.Outcome.ToString(),
            (s as ReactionExpressed)?.Reaction.ToString(), evidence?.Evidence.ToString(), evidence?.Description);
    }
}
