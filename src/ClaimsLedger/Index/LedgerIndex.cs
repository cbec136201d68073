using ClaimsLedger.Events;
using ClaimsLedger.Serialization;
using ClaimsLedger.Storage;

namespace ClaimsLedger.Index;

/// <summary>
/// Everything the ledger has recorded, folded into lookups: claims with their statements in the ledger's statement
/// order, actors, sources, corrections and stream versions. Views read from here instead of replaying the log.
/// </summary>
/// <remarks>Not thread-safe: the owner serialises writes and reads.</remarks>
internal sealed partial class LedgerIndex
{
    private readonly Dictionary<string, long> _streamVersions = new(StringComparer.Ordinal);

    // Claims whose statements were appended out of statement order since the last SettleOrder.
    private readonly List<ClaimEntry> _unsorted = [];

    // Claims, actors and sources by their number in the statement table's Names, which the rows and statement bytes
    // refer to them by; null for a number of an id never registered.
    private readonly List<ClaimEntry?> _claimsByNumber = [];
    private readonly List<ActorEntry?> _actorsByNumber = [];
    private readonly List<SourceEntry?> _sourcesByNumber = [];

    // Each registered actor's place in id order, by number; null until asked for after a registration.
    private int[]? _actorRanks;

    // Fences waiting for the next event; each is passed by the first event folded after it was set, then dropped.
    private List<RecordedFence>? _fences;

    public Dictionary<ClaimId, ClaimEntry> Claims { get; } = [];

    public Dictionary<ActorId, ActorEntry> Actors { get; } = [];

    public Dictionary<SourceId, SourceEntry> Sources { get; } = [];

    public StatementTable Statements { get; private set; } = new();

    public Dictionary<CorrectionId, CorrectionEntry> Corrections { get; } = [];

    /// <summary>Every correction, in log order.</summary>
    public List<CorrectionEntry> CorrectionLog { get; } = [];

    /// <summary>Ids of link and affiliation events, which have no entity of their own to detect repeats by.</summary>
    public HashSet<Guid> OtherEventIds { get; } = [];

    /// <summary>Position of the last event folded in; null before the first.</summary>
    public GlobalPosition? LastPosition { get; private set; }

    /// <summary>recordedAt of the last event folded in.</summary>
    public DateTimeOffset LastRecordedAt { get; private set; }

    /// <summary>Number of events folded in.</summary>
    public long EventCount { get; private set; }

    /// <summary>True while the ledger loads this index from nothing (an open), which it trims once loaded: claims
    /// then double their rows when full instead of growing them by half, leaving fewer arrays to the collector.</summary>
    public bool Loading { get; set; }

    /// <summary>
    /// Makes room for about <paramref name="events"/> statements at once, when the count is known before loading
    /// (a snapshot): the id table's buckets are sized once instead of rehashed each time they double.
    /// </summary>
    public void Reserve(long events) => Statements.Reserve((int)Math.Min(events, 1 << 26));

    /// <summary>
    /// Sorts the statements appended out of order since the last call, claim by claim: called when a catch-up ends,
    /// so that a load of a million statements sorts each claim once, and the first view of a claim does not pay for it.
    /// </summary>
    public void SettleOrder()
    {
        StatementRow[]? scratch = null;
        foreach (var claim in _unsorted)
        {
            claim.Settle(ref scratch);
        }

        _unsorted.Clear();
    }

    /// <summary>
    /// Gives back the room the collections grew into while loading: called once a load brought in most of the index
    /// (an open). A claim's rows grow by half, so about a sixth of them is unused on average; an actor's claims
    /// double and keep repeats up to twice the distinct claims, so more of theirs is.
    /// </summary>
    public void TrimExcess()
    {
        foreach (var claim in Claims.Values)
        {
            claim.TrimExcess();
        }

        foreach (var actor in Actors.Values)
        {
            actor.Claims.TrimExcess();
        }
    }

    /// <summary>Claims by number, as <see cref="ActorClaims"/> holds them.</summary>
    public IReadOnlyList<ClaimEntry?> ClaimsByNumber => _claimsByNumber;

    /// <summary>The claim numbered <paramref name="number"/>; null when no claim of that number is registered.</summary>
    public ClaimEntry? ClaimAt(int number) => (uint)number < (uint)_claimsByNumber.Count ? _claimsByNumber[number] : null;

    /// <summary>The actor numbered <paramref name="number"/>; null when no actor of that number is registered.</summary>
    public ActorEntry? ActorAt(int number) => (uint)number < (uint)_actorsByNumber.Count ? _actorsByNumber[number] : null;

    /// <summary>The source numbered <paramref name="number"/>; null when no source of that number is registered.</summary>
    public SourceEntry? SourceAt(int number) => (uint)number < (uint)_sourcesByNumber.Count ? _sourcesByNumber[number] : null;

    /// <summary>
    /// Each registered actor's place among the registered actors in id order, by actor number (-1 for a number no
    /// actor is registered under): views sort on it instead of comparing ids.
    /// </summary>
    /// <remarks>Built once after actors change; reads may build it on several threads at once, each the same array.</remarks>
    public int[] ActorRanks()
    {
        if (Volatile.Read(ref _actorRanks) is { } ranks)
        {
            return ranks;
        }

        ranks = new int[_actorsByNumber.Count];
        Array.Fill(ranks, -1);
        var rank = 0;
        foreach (var actor in _actorsByNumber.OfType<ActorEntry>().OrderBy(a => a.Registration.Id))
        {
            ranks[actor.Number] = rank++;
        }

        Volatile.Write(ref _actorRanks, ranks);
        return ranks;
    }

    public long? StreamVersion(StreamName stream) =>
        _streamVersions.TryGetValue(stream.Value, out var version) ? version : null;

    /// <summary>Folds one stored event in; events must arrive in global order.</summary>
    /// <returns>The event folded in; null when it was already folded in.</returns>
    /// <exception cref="LedgerFormatException">The event does not parse or refers to something never recorded.</exception>
    public LedgerEvent? Apply(RecordedEvent recorded)
    {
        if (LastPosition is { } last && recorded.Position <= last)
        {
            return null;
        }

        var @event = Decode(recorded);
        Fold(@event, recorded);
        return @event;
    }

    /// <summary>Decodes a stored event; a bad one is reported with its place in the log.</summary>
    /// <exception cref="LedgerFormatException">The payload is not a valid event of its type.</exception>
    public static LedgerEvent Decode(RecordedEvent recorded)
    {
        try
        {
            return EventSerializer.Deserialize(recorded.Type, recorded.Data.Span);
        }
        catch (LedgerFormatException e)
        {
            throw new LedgerFormatException(e.Field,
                $"event at position {recorded.Position} in stream '{recorded.Stream}' ({recorded.Type}): {e.Reason}", e);
        }
    }

    /// <summary>Folds one stored event in that was decoded already (e.g. on another thread).</summary>
    /// <returns>False when it was already folded in.</returns>
    public bool Apply(RecordedEvent recorded, LedgerEvent @event)
    {
        if (LastPosition is { } last && recorded.Position <= last)
        {
            return false;
        }

        Fold(@event, recorded);
        return true;
    }

    /// <summary>A fence that learns the recordedAt of the next event folded in (see <see cref="RecordedFence"/>).</summary>
    public RecordedFence Fence()
    {
        var fence = new RecordedFence();
        (_fences ??= []).Add(fence);
        return fence;
    }

    /// <summary>Drops a fence no longer read, before an event passes it (else the list grows with every reader).</summary>
    public void RemoveFence(RecordedFence fence) => _fences?.Remove(fence);

    /// <summary>Fences waiting for the next event.</summary>
    public int Fences => _fences?.Count ?? 0;

    private void Fold(LedgerEvent @event, RecordedEvent recorded)
    {
        if (_fences is { Count: > 0 } fences)
        {
            foreach (var fence in fences)
            {
                fence.Pass(recorded.RecordedAt);
            }

            fences.Clear();
        }

        Add(@event, recorded);
        _streamVersions[recorded.Stream.Value] = recorded.StreamVersion;
        LastPosition = recorded.Position;
        LastRecordedAt = recorded.RecordedAt;
        EventCount++;
    }

    private void Add(LedgerEvent @event, RecordedEvent recorded)
    {
        var ordinal = EventCount;
        switch (@event)
        {
            case ClaimRegistered e:
                Register(e, ordinal, recorded.RecordedAt);
                break;
            case ClaimLinked e:
                Claim(e.Claim, recorded).Links.Add((e, recorded.RecordedAt));
                OtherEventIds.Add(recorded.EventId);
                break;
            case ActorRegistered e:
                Register(e, recorded.RecordedAt);
                break;
            case ActorAffiliated e:
                Actor(e.Actor, recorded).Affiliations.Add(new AffiliationEntry(e, recorded.RecordedAt));
                OtherEventIds.Add(recorded.EventId);
                break;
            case ActorAffiliationEnded e:
                EndAffiliation(e, recorded);
                break;
            case SourceRegistered e:
                Register(e, recorded.RecordedAt);
                break;
            case Statement e:
                AddStatement(e, recorded);
                break;
            case StatementAmended e:
                AddCorrection(e, e.Id, e.Statement, ordinal, recorded);
                break;
            case StatementStruck e:
                AddCorrection(e, e.Id, e.Statement, ordinal, recorded);
                break;
        }
    }

    // Registrations and affiliation ends apart from Add: their lambdas capture locals, and a capture in Add allocated
    // its closure on every event folded, statements included (~50-77 B an event, 5-8 % of what an open allocated).
    private void Register(ClaimRegistered e, long ordinal, DateTimeOffset recordedAt) =>
        Claims[e.Id] = Numbered(_claimsByNumber, Statements.Names.Claims.NumberOf(e.Id),
            n => new ClaimEntry(e, ordinal, recordedAt) { Number = n });

    private void Register(ActorRegistered e, DateTimeOffset recordedAt)
    {
        Actors[e.Id] = Numbered(_actorsByNumber, Statements.Names.Actors.NumberOf(e.Id),
            n => new ActorEntry(e, recordedAt) { Number = n });
        _actorRanks = null;
    }

    private void Register(SourceRegistered e, DateTimeOffset recordedAt) =>
        Sources[e.Id] = Numbered(_sourcesByNumber, Statements.Names.Sources.NumberOf(e.Id),
            n => new SourceEntry(e, recordedAt) { Number = n });

    private void EndAffiliation(ActorAffiliationEnded e, RecordedEvent recorded)
    {
        var open = Actor(e.Actor, recorded).Affiliations
            .LastOrDefault(a => a.IsOpen && a.Start.Organisation == e.Organisation);
        if (open is not null)
        {
            open.End = e;
            open.EndRecordedAt = recorded.RecordedAt;
        }

        OtherEventIds.Add(recorded.EventId);
    }

    private void AddStatement(Statement statement, RecordedEvent recorded)
    {
        var actor = Actor(statement.Actor, recorded);
        var claim = Claim(statement.Claim, recorded);

        var entry = Statements.Add(statement);
        if (claim.Add(entry, statement, recorded.RecordedAt, actor.Number, Loading))
        {
            _unsorted.Add(claim);
        }

        actor.Claims.Add(claim);
    }

    /// <summary>
    /// The conclusions recorded for the investigation <paramref name="opening"/> opened, in log order: found among its
    /// claim's statements (a conclusion must be about the investigation's claim) rather than kept on the opening.
    /// </summary>
    public IEnumerable<StatementEntry> ConclusionsOf(StatementEntry opening)
    {
        var original = opening.Original;
        if (original is not InvestigationOpened || !Claims.TryGetValue(original.Claim, out var claim))
        {
            return [];
        }

        var conclusions = new List<StatementEntry>();
        foreach (ref readonly var row in claim.Statements)
        {
            if (row.Kind == StatementKind.InvestigationConcluded && Statements.TargetAt(row.Bytes) == opening.Number)
            {
                conclusions.Add(claim.EntryOf(row));
            }
        }

        return conclusions.OrderBy(c => c.Number);
    }

    /// <summary>
    /// The retractions recorded about <paramref name="claim"/>, by the number of the statement each retracts: one pass
    /// over the claim's statements, for a caller asking about several of its statements.
    /// </summary>
    public ILookup<int, StatementEntry> RetractionsByTarget(ClaimId claim)
    {
        if (!Claims.TryGetValue(claim, out var index))
        {
            return Array.Empty<StatementEntry>().ToLookup(e => e.Number);
        }

        var found = new List<(int Target, StatementEntry Retraction)>();
        foreach (ref readonly var row in index.Statements)
        {
            if (row.Kind == StatementKind.Retraction)
            {
                found.Add((Statements.TargetAt(row.Bytes), index.EntryOf(row)));
            }
        }

        return found.ToLookup(f => f.Target, f => f.Retraction);
    }

    private void AddCorrection(LedgerEvent @event, CorrectionId id, StatementId statementId, long ordinal,
        RecordedEvent recorded)
    {
        if (!Statements.TryGetValue(statementId, out var target))
        {
            throw Unknown("statement", statementId.Value, recorded);
        }

        var correction = new CorrectionEntry(@event, target, ordinal, recorded.Position, recorded.RecordedAt);
        var original = target.Original;
        target.AddCorrection(correction);

        // Looked up rather than kept on every statement: corrections are a few percent of the log.
        var claim = Claims[original.Claim];
        claim.Corrected(target, original.SaidAt, correction);
        Corrections[id] = correction;
        CorrectionLog.Add(correction);
        if (@event is StatementAmended { Changes: var changes })
        {
            if (changes.SaidAt is not null)
            {
                claim.SaidAtAmendedFrom ??= recorded.RecordedAt;
            }

            if (changes.Actor is { } actor)
            {
                Actor(actor, recorded).Claims.Add(claim);
            }
        }
    }

    private static T Numbered<T>(List<T?> byNumber, int number, Func<int, T> create)
        where T : class
    {
        while (byNumber.Count <= number)
        {
            byNumber.Add(null);
        }

        var entry = create(number);
        byNumber[number] = entry;
        return entry;
    }

    private ClaimEntry Claim(ClaimId id, RecordedEvent recorded) =>
        Claims.TryGetValue(id, out var claim) ? claim : throw Unknown("claim", id.Value, recorded);

    private ActorEntry Actor(ActorId id, RecordedEvent recorded) =>
        Actors.TryGetValue(id, out var actor) ? actor : throw Unknown("actor", id.Value, recorded);

    private static LedgerFormatException Unknown(string kind, string id, RecordedEvent recorded) =>
        new(string.Empty, $"event at position {recorded.Position} in stream '{recorded.Stream}' refers to {kind} " +
                          $"'{id}', which the store does not hold: the store was not written by this ledger");
}
