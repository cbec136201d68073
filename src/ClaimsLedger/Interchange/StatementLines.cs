using ClaimsLedger.Events;

namespace ClaimsLedger.Interchange;

/// <summary>Statement lines: the fields common to every kind, then the kind's own.</summary>
internal static class StatementLines
{
    public static LedgerEvent? Statement(LineReader f)
    {
        var kind = f.Enum<StatementKind>("kind", required: true);
        var id = f.Id("id", "statement", v => new StatementId(v));
        var claim = f.Id("claim", "claim", v => new ClaimId(v));
        var actor = f.Id("actor", "actor", v => new ActorId(v));
        var saidAt = f.SaidAt("saidAt", required: true);
        var source = f.Id("source", "source", v => new SourceId(v));
        var quote = f.Text("quote", required: false);
        var via = f.ActorIds("via") ?? [];
        if (kind is not { } k)
        {
            return null;
        }

        if (k is not (StatementKind.Assertion or StatementKind.Denial))
        {
            f.Forbid("certainty", $"a certainty without a stance: a {Kebab.Name(k)} takes no side on the claim, " +
                                  "only assertions and denials have a certainty");
        }

        var said = saidAt ?? default;
        Statement? statement = k switch
        {
            StatementKind.Assertion => new StatementAsserted(id, claim, actor, said, source) { Certainty = Certainty(f) },
            StatementKind.Denial => new StatementDenied(id, claim, actor, said, source) { Certainty = Certainty(f) },
            StatementKind.Retraction => new StatementRetracted(id, claim, actor, said, source,
                f.Id("target", "statement", v => new StatementId(v))),
            StatementKind.InvestigationOpened => new InvestigationOpened(id, claim, actor, said, source),
            StatementKind.InvestigationConcluded => Conclusion(f, id, claim, actor, said, source),
            StatementKind.Reaction => f.Enum<ReactionKind>("reaction", required: true) is { } reaction
                ? new ReactionExpressed(id, claim, actor, said, source, reaction)
                : null,
            _ => Evidence(f, id, claim, actor, said, source),
        };
        return statement is null || saidAt is null ? null : statement with { Quote = quote, Via = via };
    }

    private static Certainty Certainty(LineReader f) => f.Enum<Certainty>("certainty", required: false) ?? Events.Certainty.Certain;

    private static InvestigationConcluded? Conclusion(LineReader f, StatementId id, ClaimId claim, ActorId actor,
        SaidAt said, SourceId source)
    {
        var investigation = f.Id("investigation", "statement", v => new StatementId(v));
        if (f.Object("finding", required: true) is not { } json)
        {
            return null;
        }

        var finding = f.Nested(json, "finding");
        var outcome = finding.Enum<FindingOutcome>("outcome", required: true);
        var summary = finding.Text("summary", required: false);
        finding.RejectUnread("a finding");
        return outcome is null ? null : new InvestigationConcluded(id, claim, actor, said, source, investigation,
            new Finding(outcome.Value) { Summary = summary });
    }

    private static EvidencePresented? Evidence(LineReader f, StatementId id, ClaimId claim, ActorId actor, SaidAt said,
        SourceId source)
    {
        var evidence = f.Enum<EvidenceKind>("evidence", required: true);
        var description = f.Text("description", required: true);
        var url = f.Url("url");
        return evidence is null || description is null
            ? null
            : new EvidencePresented(id, claim, actor, said, source, evidence.Value, description) { Url = url };
    }
}
