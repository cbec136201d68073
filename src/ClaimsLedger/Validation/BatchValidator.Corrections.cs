using ClaimsLedger.Events;
using ClaimsLedger.Index;

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

    /// <summary>
    /// Rule 7 holds after amendments too: an amended saidAt must not leave a retraction starting before its target.
    /// Checked once the whole batch is seen, so that one batch can move a statement and its retraction together (each
    /// amendment alone may break the rule). An amended actor is not refused: rule 4 already lets a retraction withdraw
    /// only its own actor's statement, so a misattribution fix leaves the other actor's retraction without effect.
    /// </summary>
    private void CheckRetractionsAfterAmendments()
    {
        if (_moved is null)
        {
            return;
        }

        Dictionary<StatementId, List<StatementId>>? pending = null;
        var recordedByClaim = new Dictionary<ClaimId, ILookup<int, StatementEntry>>();
        var checkedRetractions = new HashSet<StatementId>();
        foreach (var (statement, amendment) in _moved)
        {
            if (FactsOf(statement) is not { StruckBy: null } facts)
            {
                continue;
            }

            if (facts.Current is StatementRetracted retraction)
            {
                if (checkedRetractions.Add(retraction.Id) && FactsOf(retraction.Target) is { StruckBy: null } target)
                {
                    CheckRetractionHolds(amendment, retraction, target.Current);
                }

                continue;
            }

            pending ??= PendingRetractions();
            foreach (var id in RetractionsOf(statement, facts.Current.Claim, pending, recordedByClaim))
            {
                if (checkedRetractions.Add(id) && FactsOf(id) is { StruckBy: null, Current: StatementRetracted r })
                {
                    CheckRetractionHolds(amendment, r, facts.Current);
                }
            }
        }
    }

    private void CheckRetractionHolds((int Index, CorrectionId Id) amendment, StatementRetracted retraction,
        Statement target)
    {
        _current = amendment.Index;
        _subject = ("correction", amendment.Id.ToString());
        _ = Check(retraction.SaidAt.Start >= target.SaidAt.Start, LedgerErrorCode.InvalidAmendment, "changes.saidAt",
            $"retraction '{retraction.Id}' ({retraction.SaidAt}) would then start before statement '{target.Id}' " +
            $"was made ({target.SaidAt}); move both in one batch, or strike the retraction");
    }

    // A retraction is about its target's claim (rule 7), and amendments never change a claim: one scan per claim.
    private IEnumerable<StatementId> RetractionsOf(StatementId target, ClaimId claim,
        Dictionary<StatementId, List<StatementId>> pending, Dictionary<ClaimId, ILookup<int, StatementEntry>> byClaim)
    {
        IEnumerable<StatementId> recorded = [];
        if (_index.Statements.TryGetValue(target, out var entry))
        {
            if (!byClaim.TryGetValue(claim, out var lookup))
            {
                byClaim[claim] = lookup = _index.RetractionsByTarget(claim);
            }

            recorded = lookup[entry.Number].Select(r => r.Original.Id);
        }

        return pending.TryGetValue(target, out var inBatch) ? recorded.Concat(inBatch).Distinct() : recorded;
    }

    /// <summary>The retractions this batch records, by target.</summary>
    private Dictionary<StatementId, List<StatementId>> PendingRetractions()
    {
        var byTarget = new Dictionary<StatementId, List<StatementId>>();
        foreach (var facts in _statements.Values)
        {
            if (facts.Original is StatementRetracted r && !_index.Statements.TryGetValue(r.Id, out _))
            {
                if (!byTarget.TryGetValue(r.Target, out var list))
                {
                    byTarget[r.Target] = list = [];
                }

                list.Add(r.Id);
            }
        }

        return byTarget;
    }
}
