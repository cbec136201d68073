using ClaimsLedger.Events;

namespace ClaimsLedger.Index;

/// <summary>A statement that counts as of (T, R), as the ledger held it at R.</summary>
internal readonly struct Counted
{
    // The statement as corrected by R; null when no correction applies, and the statement is then decoded from the
    // table when a view asks for it (most counted statements are never shown).
    private readonly Statement? _corrected;
    private readonly long _recordedTicks;
    private readonly uint _bytes;

    public Counted(StatementEntry entry, in StatementRow row)
    {
        Entry = entry;
        _bytes = row.Bytes;
        _recordedTicks = row.RecordedTicks;
        ActorNumber = row.Speaker;
        SaidStart = row.SaidStart;
        SaidEnd = row.SaidEnd;
        Kind = row.Kind;
        Target = TargetOf(entry, row);
    }

    public Counted(StatementEntry entry, in StatementRow row, Statement corrected)
    {
        Entry = entry;
        _corrected = corrected;
        _bytes = row.Bytes;
        _recordedTicks = row.RecordedTicks;
        ActorNumber = entry.Table.Names.Actors.Find(corrected.Actor);
        SaidStart = corrected.SaidAt.StartTicks;
        SaidEnd = corrected.SaidAt.EndTicks;
        Kind = row.Kind;
        Target = TargetOf(entry, row);
    }

    /// <summary>The recorded statement.</summary>
    public StatementEntry Entry { get; }

    /// <summary>When the ledger recorded the statement.</summary>
    public DateTimeOffset RecordedAt => new(_recordedTicks, TimeSpan.Zero);

    /// <summary>
    /// The number of the statement's actor as corrected by R (<see cref="LedgerIndex.ActorAt"/>); -1 for an actor
    /// the index never numbered.
    /// </summary>
    public int ActorNumber { get; }


    /// <summary>The statement with corrections recorded by R applied: decoded on every call when uncorrected.</summary>
    public Statement Statement => _corrected ?? Entry.Original;

    /// <summary>The parts of <see cref="Statement"/>, read from the table without building the record when uncorrected.</summary>
    public StatementParts Parts => _corrected is { } corrected
        ? StatementParts.Of(corrected)
        : Entry.Table.ReadPartsAt(_bytes);

    /// <summary>Reads the first byte of the statement's bytes (none when corrected): see <see cref="ClaimEvaluation.TouchShown"/>.</summary>
    public byte Touch() => _corrected is null ? Entry.Table.Touch(_bytes) : (byte)0;

    /// <summary>The statement's actor, without decoding it.</summary>
    public ActorId Actor => _corrected?.Actor ?? Entry.Table.Names.Actors[ActorNumber];

    /// <summary>The statement's source, without decoding the rest of it.</summary>
    public SourceId SourceId => _corrected?.Source ?? Entry.Table.Names.Sources[Entry.Table.SourceAt(_bytes)];

    /// <summary>True when at least one amendment was applied.</summary>
    public bool Corrected => _corrected is not null;

    /// <summary>saidAt start in UTC ticks, as corrected by R.</summary>
    public long SaidStart { get; }

    /// <summary>saidAt end in UTC ticks, as corrected by R.</summary>
    public long SaidEnd { get; }

    public StatementKind Kind { get; }

    /// <summary>The number of the statement a retraction withdraws or a conclusion concludes; -1 for none.</summary>
    public int Target { get; }

    public bool IsStance => Kind is StatementKind.Assertion or StatementKind.Denial;

    // Read from the statement's bytes for the kinds that have one (a tenth of a ledger's statements, or so).
    private static int TargetOf(StatementEntry entry, in StatementRow row) =>
        row.Kind is StatementKind.Retraction or StatementKind.InvestigationConcluded ? entry.Table.TargetAt(row.Bytes) : -1;

    /// <summary>Orders by saidAt as corrected (start, then end), then log order: the ledger's statement order.</summary>
    public static int CompareOrder(in Counted a, in Counted b) =>
        a.SaidStart != b.SaidStart ? a.SaidStart.CompareTo(b.SaidStart)
        : a.SaidEnd != b.SaidEnd ? a.SaidEnd.CompareTo(b.SaidEnd)
        : a.Entry.Number.CompareTo(b.Entry.Number);
}

/// <summary>One claim evaluated as of (T, R) by the design's precise rules 2-5.</summary>
/// <remarks>
/// Evaluations are recycled per thread: dispose one as soon as its views are built and do not keep its spans. The
/// results are indexes into <see cref="Statements"/>, so an evaluation allocates nothing once its buffers have grown
/// to the size of the claims asked about.
/// </remarks>
internal sealed class ClaimEvaluation : IDisposable
{
    // Two spares: a diff holds the evaluations of one claim at both points at once.
    [ThreadStatic]
    private static ClaimEvaluation? _spare;

    [ThreadStatic]
    private static ClaimEvaluation? _secondSpare;

    // Buffers of claims larger than this are not kept, so one huge claim does not pin its memory to the thread.
    private const int MaxKeptCapacity = 4096;

    private static readonly Comparison<Counted> StatementOrder = static (a, b) => Counted.CompareOrder(a, b);

    private Counted[] _statements = [];
    private int[] _candidates = [];
    private int[] _retractedBy = [];
    private int[] _positions = [];
    private int[] _others = [];
    private int[] _table = [];
    private int _count;
    private int _positionCount;
    private int _investigationCount;
    private int _reactionCount;
    private int _evidenceCount;
    private int _retractionCount;
    private bool _inUse;

    private ClaimEvaluation()
    {
    }

    public ClaimEntry Claim { get; private set; } = null!;

    public AsOf AsOf { get; private set; }

    /// <summary>Counted statements in the ledger's statement order (rule 3).</summary>
    public ReadOnlySpan<Counted> Statements => _statements.AsSpan(0, _count);

    /// <summary>Each actor's position (rule 4): indexes into <see cref="Statements"/>, in statement order.</summary>
    public ReadOnlySpan<int> Positions => _positions.AsSpan(0, _positionCount);

    /// <summary>
    /// Counted investigation openings with their latest counted conclusion (rule 5): pairs of indexes into
    /// <see cref="Statements"/>, opening then conclusion (-1 when it is open).
    /// </summary>
    public ReadOnlySpan<int> Investigations => _others.AsSpan(0, 2 * _investigationCount);

    /// <summary>Counted, unretracted reactions: indexes into <see cref="Statements"/>.</summary>
    public ReadOnlySpan<int> Reactions => _others.AsSpan(2 * _count, _reactionCount);

    /// <summary>Counted, unretracted evidence: indexes into <see cref="Statements"/>.</summary>
    public ReadOnlySpan<int> Evidence => _others.AsSpan(3 * _count, _evidenceCount);

    /// <summary>Counted retractions that withdrew a counted statement of the same actor.</summary>
    public ReadOnlySpan<int> Retractions => _others.AsSpan(4 * _count, _retractionCount);

    /// <summary>
    /// Reads the first byte of every statement a claim's view shows, before the view decodes them one by one.
    /// </summary>
    /// <remarks>
    /// A claim's statements lie all over the table (in log order, among every other claim's), so each one a view
    /// decodes is a cache miss, and decoding one is too long for the processor to reach the next miss on its own: a
    /// probe on a million statements spent a third of a one-claim view in <see cref="StatementBytes.ReadParts"/>.
    /// These loads do not depend on each other, so their misses are waited for together.
    /// </remarks>
    /// <returns>The bytes read, combined: for the caller to keep, so that the loads are not dropped.</returns>
    public int TouchShown()
    {
        var statements = Statements;
        var touched = 0;
        foreach (var i in Positions)
        {
            touched ^= statements[i].Touch();
        }

        foreach (var i in Investigations)
        {
            touched ^= i < 0 ? 0 : statements[i].Touch();
        }

        foreach (var i in Reactions)
        {
            touched ^= statements[i].Touch();
        }

        foreach (var i in Evidence)
        {
            touched ^= statements[i].Touch();
        }

        foreach (var i in Retractions)
        {
            touched ^= statements[i].Touch();
        }

        return touched;
    }

    /// <summary>Someone's position asserts the claim and another's denies it (rule 5).</summary>
    public bool Contested { get; private set; }

    public bool IsEmpty => _count == 0;

    public static ClaimEvaluation Evaluate(ClaimEntry claim, AsOf asOf)
    {
        var evaluation = _spare ?? _secondSpare ?? new ClaimEvaluation();
        if (ReferenceEquals(evaluation, _spare))
        {
            _spare = null;
        }
        else if (ReferenceEquals(evaluation, _secondSpare))
        {
            _secondSpare = null;
        }

        evaluation._inUse = true;
        evaluation.Claim = claim;
        evaluation.AsOf = asOf;
        evaluation.Count(claim, asOf);
        evaluation.Fold();
        return evaluation;
    }

    /// <summary>The counted retraction that withdrew the statement at <paramref name="index"/>, or -1.</summary>
    public int RetractionOf(int index) => _retractedBy[index];

    /// <summary>True when a counted retraction withdrew the counted statement <paramref name="id"/>.</summary>
    public bool IsRetracted(StatementId id)
    {
        if (_count == 0 || !_statements[0].Entry.Table.TryGetValue(id, out var entry))
        {
            return false;
        }

        for (var i = 0; i < _count; i++)
        {
            if (_statements[i].Entry.Number == entry.Number)
            {
                return _retractedBy[i] >= 0;
            }
        }

        return false;
    }

    public void Dispose()
    {
        if (!_inUse)
        {
            return;
        }

        _inUse = false;

        // Cleared so a recycled evaluation does not keep a dropped index alive.
        Array.Clear(_statements, 0, _count);
        Claim = null!;
        _count = 0;
        if (_statements.Length > MaxKeptCapacity)
        {
            return;
        }

        if (_spare is null)
        {
            _spare = this;
        }
        else
        {
            _secondSpare ??= this;
        }
    }

    /// <summary>Rule 2, with rule 3's order: the statements that count, corrected as of R.</summary>
    private void Count(ClaimEntry claim, AsOf asOf)
    {
        var rows = claim.Statements;
        Grow(rows.Length);
        var recorded = asOf.Recorded.UtcTicks;
        var said = asOf.Said.UtcTicks;
        var possibly = asOf.Inclusion == SaidInclusion.PossiblySaid;

        // First the rows alone, without branching on what they hold (whether a statement counts is a coin toss the
        // branch predictor loses), keeping those recorded by R that count by their original saidAt or have a
        // correction by R; then the statements of those, whose loads no longer wait on one another.
        var candidates = _candidates;
        var found = 0;
        for (var i = 0; i < rows.Length; i++)
        {
            ref readonly var row = ref rows[i];
            var bound = possibly ? row.SaidStart : row.SaidEnd;
            var keep = (row.RecordedTicks <= recorded) & ((bound <= said) | (row.CorrectedFrom <= recorded));
            candidates[found] = i;
            found += keep ? 1 : 0;
        }

        var statements = _statements;
        var count = 0;
        for (var k = 0; k < found; k++)
        {
            ref readonly var row = ref rows[candidates[k]];
            var entry = claim.EntryOf(row);
            if (row.CorrectedFrom > recorded)
            {
                statements[count++] = new Counted(entry, row);
            }
            else if (AsRecorded(row, entry, asOf) is { } statement && asOf.CountsSaid(statement.SaidAt))
            {
                statements[count++] = new Counted(entry, row, statement);
            }
        }

        _count = count;
        if (claim.SaidAtAmendedFrom is { } amendedFrom && amendedFrom <= asOf.Recorded)
        {
            statements.AsSpan(0, count).Sort(StatementOrder);
        }
    }

    /// <summary>
    /// The statement as the ledger held it at R, at least one correction recorded by then; null when struck.
    /// </summary>
    private static Statement? AsRecorded(in StatementRow row, StatementEntry entry, AsOf asOf)
    {
        if (row.OneCorrection)
        {
            return entry.Strike is null ? entry.Current : null;
        }

        return entry.TryAsRecordedAt(asOf.Recorded, out var statement, out _) ? statement : null;
    }

    /// <summary>Rules 4 and 5 over the counted statements.</summary>
    private void Fold()
    {
        var statements = Statements;
        var retractedBy = _retractedBy.AsSpan(0, _count);
        retractedBy.Fill(-1);
        _positionCount = _investigationCount = _reactionCount = _evidenceCount = _retractionCount = 0;
        var retractions = 0;
        var conclusions = 0;
        foreach (ref readonly var counted in statements)
        {
            retractions += counted.Kind == StatementKind.Retraction ? 1 : 0;
            conclusions += counted.Kind == StatementKind.InvestigationConcluded ? 1 : 0;
        }

        if (retractions > 0)
        {
            FoldRetractions();
        }

        FoldPositions();
        var reactionsAt = 2 * _count;
        var evidenceAt = 3 * _count;
        for (var i = 0; i < statements.Length; i++)
        {
            switch (statements[i].Kind)
            {
                case StatementKind.InvestigationOpened:
                    _others[2 * _investigationCount] = i;
                    _others[(2 * _investigationCount) + 1] = conclusions > 0 ? LatestConclusion(i) : -1;
                    _investigationCount++;
                    break;
                case StatementKind.Reaction when retractedBy[i] < 0:
                    _others[reactionsAt + _reactionCount++] = i;
                    break;
                case StatementKind.Evidence when retractedBy[i] < 0:
                    _others[evidenceAt + _evidenceCount++] = i;
                    break;
            }
        }
    }

    /// <summary>
    /// A retraction withdraws its target when both count and the target has the retraction's actor; the first such
    /// retraction in statement order is the one shown.
    /// </summary>
    private void FoldRetractions()
    {
        var statements = Statements;
        var mask = ClearTable();
        for (var i = 0; i < statements.Length; i++)
        {
            var slot = statements[i].Entry.Number & mask;
            while (_table[slot] != 0)
            {
                slot = (slot + 1) & mask;
            }

            _table[slot] = i + 1;
        }

        var retractionsAt = 4 * _count;
        for (var i = 0; i < statements.Length; i++)
        {
            if (statements[i].Kind != StatementKind.Retraction)
            {
                continue;
            }

            var target = Find(statements[i].Target, mask);
            if (target >= 0 && SameActor(statements[target], statements[i]) && _retractedBy[target] < 0)
            {
                _retractedBy[target] = i;
                _others[retractionsAt + _retractionCount++] = i;
            }
        }
    }

    /// <summary>The counted statement numbered <paramref name="number"/> in the table, or -1.</summary>
    private int Find(int number, int mask)
    {
        if (number < 0)
        {
            return -1;
        }

        for (var slot = number & mask; _table[slot] != 0; slot = (slot + 1) & mask)
        {
            var index = _table[slot] - 1;
            if (_statements[index].Entry.Number == number)
            {
                return index;
            }
        }

        return -1;
    }

    /// <summary>Each actor's latest counted assertion or denial not retracted, in statement order.</summary>
    private void FoldPositions()
    {
        var statements = Statements;
        var mask = ClearTable();
        bool asserts = false, denies = false;
        for (var i = statements.Length - 1; i >= 0; i--)
        {
            ref readonly var counted = ref statements[i];
            if (!counted.IsStance || _retractedBy[i] >= 0 || !FirstOfActor(i, mask))
            {
                continue;
            }

            _positions[_positionCount++] = i;
            asserts |= counted.Kind == StatementKind.Assertion;
            denies |= counted.Kind == StatementKind.Denial;
        }

        _positions.AsSpan(0, _positionCount).Reverse();
        Contested = asserts && denies;
    }

    /// <summary>Adds the actor of statement <paramref name="index"/> to the table; false when it was there.</summary>
    private bool FirstOfActor(int index, int mask)
    {
        ref readonly var counted = ref _statements[index];
        var slot = counted.ActorNumber & mask;
        for (; _table[slot] != 0; slot = (slot + 1) & mask)
        {
            ref readonly var other = ref _statements[_table[slot] - 1];
            if (SameActor(other, counted))
            {
                return false;
            }
        }

        _table[slot] = index + 1;
        return true;
    }

    /// <summary>True when both statements have the same actor: the same number, or the same id if never numbered.</summary>
    private static bool SameActor(in Counted a, in Counted b) =>
        a.ActorNumber == b.ActorNumber && (a.ActorNumber >= 0 || a.Actor == b.Actor);

    /// <summary>The last counted conclusion of the investigation opened by statement <paramref name="opening"/>.</summary>
    private int LatestConclusion(int opening)
    {
        var number = _statements[opening].Entry.Number;
        for (var i = _count - 1; i >= 0; i--)
        {
            if (_statements[i].Kind == StatementKind.InvestigationConcluded && _statements[i].Target == number)
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>Empties the open-addressing table (at most half full) and returns its mask.</summary>
    private int ClearTable()
    {
        var size = 16;
        while (size < 2 * _count)
        {
            size *= 2;
        }

        if (_table.Length < size)
        {
            _table = new int[size];
        }
        else
        {
            Array.Clear(_table, 0, size);
        }

        return size - 1;
    }

    private void Grow(int rows)
    {
        if (_statements.Length >= rows)
        {
            return;
        }

        var capacity = Math.Max(rows, 2 * _statements.Length);
        _statements = new Counted[capacity];
        _candidates = new int[capacity];
        _retractedBy = new int[capacity];
        _positions = new int[capacity];
        _others = new int[5 * capacity];
    }
}
