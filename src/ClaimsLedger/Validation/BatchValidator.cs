using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using ClaimsLedger.Events;
using ClaimsLedger.Index;
using ClaimsLedger.Recording;
using ClaimsLedger.Serialization;
using ClaimsLedger.Storage;

namespace ClaimsLedger.Validation;

/// <summary>An event that passed validation and will be appended to <paramref name="Stream"/>.</summary>
internal sealed record PlannedEvent(int Index, LedgerEvent Event, StreamName Stream);

/// <summary>The outcome of validating a batch: what to append, and how many events were exact repeats.</summary>
internal sealed record ValidatedBatch(IReadOnlyList<PlannedEvent> Events, int Unchanged, IReadOnlyList<LedgerError> Errors);

/// <summary>
/// Checks a batch against what the ledger holds plus the batch's own earlier events (design rule 7 and the
/// guarantees on bad input), collecting every error instead of stopping at the first.
/// </summary>
internal sealed partial class BatchValidator
{
    private const int MaxTextLength = 100_000;

    private readonly LedgerIndex _index;
    private readonly Func<int, DateTimeOffset> _nowOf;
    // One delegate for the batch, not a closure per event.
    private readonly Func<StatementId, ClaimId> _claimOfStatement;
    private DateTimeOffset _now;
    private readonly List<LedgerError> _errors = [];
    private readonly List<PlannedEvent> _planned;
    private readonly Dictionary<ClaimId, ClaimRegistered> _claims = [];
    private readonly Dictionary<ActorId, ActorRegistered> _actors = [];
    private readonly Dictionary<SourceId, SourceRegistered> _sources = [];
    private readonly Dictionary<StatementId, Facts> _statements;
    private readonly Dictionary<CorrectionId, LedgerEvent> _corrections = [];
    private readonly Dictionary<Guid, LedgerEvent> _others = [];
    private readonly Dictionary<(ActorId Actor, ActorId Organisation), ActorAffiliated?> _affiliations = [];
    // Statements whose saidAt an amendment of this batch changed, with the last such amendment.
    private Dictionary<StatementId, (int Index, CorrectionId Id)>? _moved;
    private int _unchanged;
    private int _current;
    // Kind and id of what is being checked, joined into a message only when an error is reported.
    private (string Kind, string Id) _subject = (string.Empty, string.Empty);

    // Sized for the batch up front: most of a batch is statements, and growing by doubling copies them ~14 times.
    private BatchValidator(LedgerIndex index, Func<int, DateTimeOffset> nowOf, int events)
    {
        _planned = new List<PlannedEvent>(events);
        _statements = new Dictionary<StatementId, Facts>(events);
        _index = index;
        _nowOf = nowOf;
        _claimOfStatement = id => FactsOf(id)!.Current.Claim;
    }

    private enum Outcome
    {
        Append,
        Unchanged,
        Rejected,
    }

    /// <param name="index">What the ledger holds.</param>
    /// <param name="events">The batch.</param>
    /// <param name="now">The ledger clock's now: no saidAt may start after it.</param>
    public static ValidatedBatch Validate(LedgerIndex index, IReadOnlyList<LedgerEvent> events, DateTimeOffset now) =>
        Validate(index, events, Enumerable.Range(0, events.Count), _ => now);

    /// <summary>Validates in the order <paramref name="order"/> gives; each event against its own "now".</summary>
    /// <param name="index">What the ledger holds.</param>
    /// <param name="events">The batch; error indexes refer to it.</param>
    /// <param name="order">The indexes of <paramref name="events"/> in the order to validate them.</param>
    /// <param name="nowOf">When event i is (or was) recorded: no saidAt may start after it.</param>
    public static ValidatedBatch Validate(LedgerIndex index, IReadOnlyList<LedgerEvent> events, IEnumerable<int> order,
        Func<int, DateTimeOffset> nowOf)
    {
        var validator = new BatchValidator(index, nowOf, events.Count);
        foreach (var i in order)
        {
            validator.Validate(i, events[i]);
        }

        validator.CheckRetractionsAfterAmendments();
        return new ValidatedBatch(validator._planned, validator._unchanged,
            [.. validator._errors.OrderBy(e => e.Index)]);
    }

    private void Validate(int index, LedgerEvent? @event)
    {
        _current = index;
        _now = _nowOf(index);
        _subject = (string.Empty, string.Empty);
        var errorsBefore = _errors.Count;
        var outcome = @event switch
        {
            null => Reject(LedgerErrorCode.MissingField, "event", "the event is null"),
            ClaimRegistered e => CheckClaim(e),
            ClaimLinked e => CheckLink(e),
            ActorRegistered e => CheckActor(e),
            ActorAffiliated e => CheckAffiliated(e),
            ActorAffiliationEnded e => CheckAffiliationEnded(e),
            SourceRegistered e => CheckSource(e),
            Statement e => CheckStatement(e),
            StatementAmended e => CheckAmended(e),
            StatementStruck e => CheckStruck(e),
            _ => Reject(LedgerErrorCode.InvalidValue, "event", $"{@event.GetType().Name} is not a ledger event"),
        };

        if (_errors.Count > errorsBefore || outcome == Outcome.Rejected)
        {
            return;
        }

        if (outcome == Outcome.Unchanged)
        {
            _unchanged++;
            return;
        }

        Remember(@event!);
        _planned.Add(new PlannedEvent(index, @event!, StreamOf(@event!)));
    }

    // A statement about a claim the ledger holds goes to the stream name the claim keeps, rather than a new string.
    private StreamName StreamOf(LedgerEvent @event) =>
        @event is Statement statement && _index.Claims.TryGetValue(statement.Claim, out var claim)
            ? claim.Stream
            : LedgerStreams.For(@event, _claimOfStatement);

    private void Remember(LedgerEvent @event)
    {
        switch (@event)
        {
            case ClaimRegistered e:
                _claims[e.Id] = e;
                break;
            case ActorRegistered e:
                _actors[e.Id] = e;
                break;
            case SourceRegistered e:
                _sources[e.Id] = e;
                break;
            case ClaimLinked or ActorAffiliationEnded:
                _others[EventIds.For(@event)] = @event;
                break;
            case ActorAffiliated e:
                _others[EventIds.For(@event)] = @event;
                _affiliations[(e.Actor, e.Organisation)] = e;
                break;
            case Statement e:
                _statements[e.Id] = new Facts(e, e, null, []);
                if (e is InvestigationConcluded conclusion)
                {
                    var opening = FactsOf(conclusion.Investigation)!;
                    _statements[conclusion.Investigation] =
                        opening with { Conclusions = opening.Conclusions.Add(conclusion.Id) };
                }

                break;
            case StatementAmended e:
                _corrections[e.Id] = e;
                if (e.Changes.SaidAt is not null)
                {
                    (_moved ??= [])[e.Statement] = (_current, e.Id);
                }

                var amended = FactsOf(e.Statement)!;
                _statements[e.Statement] = amended with { Current = e.Changes.ApplyTo(amended.Current) };
                break;
            case StatementStruck e:
                _corrections[e.Id] = e;
                _statements[e.Statement] = FactsOf(e.Statement)! with { StruckBy = e.Id };
                break;
        }

        if (@event is ActorAffiliationEnded ended)
        {
            _affiliations[(ended.Actor, ended.Organisation)] = null;
        }
    }

    /// <summary>What validation needs to know about a recorded or pending statement.</summary>
    private sealed record Facts(
        Statement Original, Statement Current, CorrectionId? StruckBy, ImmutableList<StatementId> Conclusions);

    private Facts? FactsOf(StatementId id)
    {
        if (_statements.TryGetValue(id, out var pending))
        {
            return pending;
        }

        if (!_index.Statements.TryGetValue(id, out var entry))
        {
            return null;
        }

        var conclusions = _index.ConclusionsOf(entry).Select(c => c.Original.Id).ToImmutableList();
        return new Facts(entry.Original, entry.Current, entry.Strike?.Id, conclusions);
    }

    private Outcome Reject(LedgerErrorCode code, string field, string message)
    {
        var subject = _subject.Kind.Length == 0 ? string.Empty : $"{_subject.Kind} '{_subject.Id}'";
        _errors.Add(new LedgerError(_current, code, subject, field, message));
        return Outcome.Rejected;
    }

    /// <summary>Reports a failure whose message needs no formatting; false, so it reads as a failed check.</summary>
    private bool Fail(LedgerErrorCode code, string field, string message)
    {
        Reject(code, field, message);
        return false;
    }

    // Every check names what failed; the message is formatted only when it does (a valid statement passes ~15).
    // There is deliberately no overload taking a string: `$"..." + "..."` is a string, not an interpolated string, and
    // would be formatted for every passing check (it was, for every statement's saidAt, until 2026-11-30).
    private bool Check(bool condition, LedgerErrorCode code, string field,
        [InterpolatedStringHandlerArgument(nameof(condition))] ref FailureMessage message)
    {
        if (!condition)
        {
            Reject(code, field, message.ToStringAndClear());
        }

        return condition;
    }

    /// <summary>Unchanged when <paramref name="existing"/> is the same event, else a duplicate-id error.</summary>
    private Outcome Repeat(LedgerEvent existing, LedgerEvent proposed, string what)
    {
        var stored = EventSerializer.Serialize(existing);
        var given = EventSerializer.Serialize(proposed);
        if (stored.AsSpan().SequenceEqual(given) && existing.GetType() == proposed.GetType())
        {
            return Outcome.Unchanged;
        }

        var fields = EventDifferences.Fields(existing, proposed);
        return Reject(LedgerErrorCode.DuplicateId, "id",
            $"{what} is already recorded with different content ({fields}); give the new one another id" +
            (existing is Events.Statement ? " or record a correction" : string.Empty));
    }
}
