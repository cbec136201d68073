using ClaimsLedger.Events;

namespace ClaimsLedger.Validation;

/// <summary>Checks for ledger corrections (design rule 6).</summary>
internal sealed partial class BatchValidator
{
    private Outcome CheckAmended(StatementAmended e)
    {
        if (CorrectionTarget(e, e.Id, e.Statement, e.Reason, "corrects", out var target) is not Outcome.Append)
        {
            return target is null ? Outcome.Rejected : Outcome.Unchanged;
        }

        if (!Check(target!.StruckBy is null, LedgerErrorCode.InvalidAmendment, "statement",
                $"statement '{e.Statement}' was struck by correction '{target.StruckBy}' and cannot be amended"))
        {
            return Outcome.Rejected;
        }

        var changes = e.Changes;
        if (changes is null || changes.IsEmpty)
        {
            return Reject(LedgerErrorCode.InvalidAmendment, "changes", "the amendment changes nothing");
        }

        var ok = Check(!(changes.RemoveQuote && changes.Quote is not null), LedgerErrorCode.InvalidAmendment,
                 "changes.quote", $"cannot both set and remove the quote")
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
        if (CorrectionTarget(e, e.Id, e.Statement, e.Reason, "strikes", out var target) is not Outcome.Append)
        {
            return target is null ? Outcome.Rejected : Outcome.Unchanged;
        }

        return Check(target!.StruckBy is null, LedgerErrorCode.AlreadyStruck, "statement",
            $"statement '{e.Statement}' is already struck by correction '{target.StruckBy}'")
            ? Outcome.Append
            : Outcome.Rejected;
    }

    /// <summary>
    /// The checks every correction shares: its id, a repeat of a recorded correction, a reason, and the statement it
    /// targets. <see cref="Outcome.Append"/> with the target when the correction may go on to its own checks.
    /// </summary>
    private Outcome CorrectionTarget(LedgerEvent correction, CorrectionId id, StatementId statement, string reason,
        string verb, out Facts? target)
    {
        _subject = ("correction", id.ToString());
        target = null;
        if (!RequireId(id.IsDefault, "id", "correction"))
        {
            return Outcome.Rejected;
        }

        if (ExistingCorrection(id) is { } existing)
        {
            var repeat = Repeat(existing, correction, $"correction '{id}'");
            target = repeat == Outcome.Unchanged ? FactsOf(statement) : null;
            return repeat;
        }

        if (!(RequireId(statement.IsDefault, "statement", "statement") & RequireText(reason, "reason")))
        {
            return Outcome.Rejected;
        }

        target = FactsOf(statement);
        return target is null
            ? Reject(LedgerErrorCode.UnknownStatement, "statement", $"{verb} unknown statement '{statement}'")
            : Outcome.Append;
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
