using ClaimsLedger.Events;

namespace ClaimsLedger.Validation;

/// <summary>Checks for ledger corrections (design rule 6).</summary>
internal sealed partial class BatchValidator
{
    private Outcome CheckAmended(StatementAmended e)
    {
        _subject = $"correction '{e.Id}'";
        if (!RequireId(e.Id.IsDefault, "id", "correction"))
        {
            return Outcome.Rejected;
        }

        if (ExistingCorrection(e.Id) is { } existing)
        {
            return Repeat(existing, e, $"correction '{e.Id}'");
        }

        var ok = RequireId(e.Statement.IsDefault, "statement", "statement") & RequireText(e.Reason, "reason");
        if (!ok)
        {
            return Outcome.Rejected;
        }

        if (FactsOf(e.Statement) is not { } target)
        {
            return Reject(LedgerErrorCode.UnknownStatement, "statement", $"corrects unknown statement '{e.Statement}'");
        }

        if (!Check(target.StruckBy is null, LedgerErrorCode.InvalidAmendment, "statement",
                $"statement '{e.Statement}' was struck by correction '{target.StruckBy}' and cannot be amended"))
        {
            return Outcome.Rejected;
        }

        var changes = e.Changes;
        if (changes is null || changes.IsEmpty)
        {
            return Reject(LedgerErrorCode.InvalidAmendment, "changes", "the amendment changes nothing");
        }

        ok = Check(!(changes.RemoveQuote && changes.Quote is not null), LedgerErrorCode.InvalidAmendment,
                 "changes.quote", "cannot both set and remove the quote")
             & (changes.Actor is not { } actor || ActorKnown(actor, "changes.actor"))
             & (changes.Source is not { } source || SourceKnown(source, "changes.source"))
             & (changes.SaidAt is not { } saidAt || SaidAtValue(saidAt, "changes.saidAt"))
             & OptionalText(changes.Quote, "changes.quote")
             & ViaKnown(changes.Via, "changes.via")
             & CheckCertaintyChange(changes.Certainty, target.Current);
        return ok ? Outcome.Append : Outcome.Rejected;
    }

    private Outcome CheckStruck(StatementStruck e)
    {
        _subject = $"correction '{e.Id}'";
        if (!RequireId(e.Id.IsDefault, "id", "correction"))
        {
            return Outcome.Rejected;
        }

        if (ExistingCorrection(e.Id) is { } existing)
        {
            return Repeat(existing, e, $"correction '{e.Id}'");
        }

        var ok = RequireId(e.Statement.IsDefault, "statement", "statement") & RequireText(e.Reason, "reason");
        if (!ok)
        {
            return Outcome.Rejected;
        }

        if (FactsOf(e.Statement) is not { } target)
        {
            return Reject(LedgerErrorCode.UnknownStatement, "statement", $"strikes unknown statement '{e.Statement}'");
        }

        return Check(target.StruckBy is null, LedgerErrorCode.AlreadyStruck, "statement",
            $"statement '{e.Statement}' is already struck by correction '{target.StruckBy}'")
            ? Outcome.Append
            : Outcome.Rejected;
    }

    private bool CheckCertaintyChange(Certainty? certainty, Statement target)
    {
        if (certainty is not { } value)
        {
            return true;
        }

        return Check(target is StanceStatement, LedgerErrorCode.CertaintyWithoutStance, "changes.certainty",
                   $"statement '{target.Id}' is a {Word(target.Kind)}, which takes no stance and has no certainty")
               && Defined(value, "changes.certainty");
    }

    private LedgerEvent? ExistingCorrection(CorrectionId id) =>
        _corrections.GetValueOrDefault(id) ?? _index.Corrections.GetValueOrDefault(id)?.Event;
}
