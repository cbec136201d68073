using ClaimsLedger.Events;

namespace ClaimsLedger.Validation;

/// <summary>Checks for statements of every kind (design rule 7).</summary>
internal sealed partial class BatchValidator
{
    private Outcome CheckStatement(Statement e)
    {
        _subject = ("statement", e.Id.ToString());
        if (!RequireId(e.Id.IsDefault, "id", "statement"))
        {
            return Outcome.Rejected;
        }

        if (FactsOf(e.Id) is { } existing)
        {
            return Repeat(existing.Original, e, $"statement '{e.Id}'");
        }

        var ok = ClaimKnown(e.Claim, "claim") & ActorKnown(e.Actor, "actor") & SourceKnown(e.Source, "source")
                 & SaidAtValue(e.SaidAt, "saidAt") & OptionalText(e.Quote, "quote") & ViaKnown(e.Via, "via");
        if (!ok)
        {
            return Outcome.Rejected;
        }

        return e switch
        {
            StanceStatement s => Defined(s.Certainty, "certainty") ? Outcome.Append : Outcome.Rejected,
            StatementRetracted r => CheckRetraction(r),
            InvestigationConcluded c => CheckConclusion(c),
            ReactionExpressed r => Defined(r.Reaction, "reaction") ? Outcome.Append : Outcome.Rejected,
            EvidencePresented p => Defined(p.Evidence, "evidence") & RequireText(p.Description, "description")
                                   & Url(p.Url, "url")
                ? Outcome.Append
                : Outcome.Rejected,
            _ => Outcome.Append,
        };
    }

    private Outcome CheckRetraction(StatementRetracted e)
    {
        if (!RequireId(e.Target.IsDefault, "target", "statement"))
        {
            return Outcome.Rejected;
        }

        if (FactsOf(e.Target) is not { } target)
        {
            return Reject(LedgerErrorCode.UnknownStatement, "target", $"retracts unknown statement '{e.Target}'");
        }

        var statement = target.Current;
        var retractable = statement is StanceStatement or ReactionExpressed or EvidencePresented;
        return Check(retractable, LedgerErrorCode.InvalidRetraction, "target",
                   $"statement '{e.Target}' is a {Word(statement.Kind)}, which cannot be retracted " +
                   $"(only assertions, denials, reactions and evidence can)")
               && Check(statement.Claim == e.Claim, LedgerErrorCode.InvalidRetraction, "target",
                   $"statement '{e.Target}' is about claim '{statement.Claim}', not '{e.Claim}'")
               && Check(statement.Actor == e.Actor, LedgerErrorCode.InvalidRetraction, "target",
                   $"statement '{e.Target}' was made by '{statement.Actor}', not '{e.Actor}': an actor can only " +
                   $"retract its own statements")
               && Check(e.SaidAt.Start >= statement.SaidAt.Start, LedgerErrorCode.InvalidRetraction, "saidAt",
                   $"{e.SaidAt} starts before the retracted statement was made ({statement.SaidAt})")
            ? Outcome.Append
            : Outcome.Rejected;
    }

    private Outcome CheckConclusion(InvestigationConcluded e)
    {
        var ok = RequireId(e.Investigation.IsDefault, "investigation", "statement") & FindingValue(e.Finding);
        if (!ok)
        {
            return Outcome.Rejected;
        }

        if (FactsOf(e.Investigation) is not { } opening)
        {
            return Reject(LedgerErrorCode.InvalidConclusion, "investigation",
                $"investigation '{e.Investigation}' was never opened");
        }

        var concludedBy = opening.Conclusions.FirstOrDefault(c => FactsOf(c)?.StruckBy is null);
        return Check(opening.Current is InvestigationOpened, LedgerErrorCode.InvalidConclusion, "investigation",
                   $"statement '{e.Investigation}' is a {Word(opening.Current.Kind)}, not an opened investigation")
               && Check(opening.Current.Claim == e.Claim, LedgerErrorCode.InvalidConclusion, "investigation",
                   $"investigation '{e.Investigation}' is about claim '{opening.Current.Claim}', not '{e.Claim}'")
               && Check(opening.StruckBy is null, LedgerErrorCode.InvalidConclusion, "investigation",
                   $"investigation '{e.Investigation}' was struck by correction '{opening.StruckBy}'")
               && Check(concludedBy.IsDefault, LedgerErrorCode.InvalidConclusion, "investigation",
                   $"investigation '{e.Investigation}' is already concluded by statement '{concludedBy}'")
            ? Outcome.Append
            : Outcome.Rejected;
    }

    private bool FindingValue(Finding? finding)
    {
        if (finding is null)
        {
            return Fail(LedgerErrorCode.MissingField, "finding", "is required");
        }

        return Defined(finding.Outcome, "finding.outcome")
               && OptionalText(finding.Summary, "finding.summary")
               && Check(finding.Outcome != FindingOutcome.Other || finding.Summary is not null,
                   LedgerErrorCode.MissingField, "finding.summary", $"is required when the outcome is 'other'");
    }

    private static string Word(StatementKind kind) => kind switch
    {
        StatementKind.InvestigationOpened => "investigation opening",
        StatementKind.InvestigationConcluded => "investigation conclusion",
        _ => kind.ToString().ToLowerInvariant(),
    };
}
