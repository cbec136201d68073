using System.Runtime.CompilerServices;
using ClaimsLedger.Events;
using ClaimsLedger.Recording;
using ClaimsLedger.Storage;
using ClaimsLedger.Views;

namespace ClaimsLedger.Index;

/// <summary>A claim with its links and its statements kept in the ledger's statement order.</summary>
/// <remarks>
/// Statements are sorted by the original saidAt start, end, then log order (design rule 3). An amendment can move a
/// statement's saidAt; views as recorded after such an amendment re-sort (see <see cref="SaidAtAmendedFrom"/>).
/// </remarks>
internal sealed partial class ClaimEntry(ClaimRegistered registration, long ordinal, DateTimeOffset recordedAt)
{
    // Rows rather than a list of entries: an evaluation scans every statement of the claim but builds views for only
    // the few that count, and the statement objects are scattered over a large heap.
    private StatementRow[] _rows = [];
    private int _count;

    // Rows [0, _sorted) are in statement order; later rows were appended in log order and are put in place when the
    // statements are next read. A load of a million statements in random saidAt order then costs one sort per claim
    // instead of moving half a claim's rows for every statement.
    private int _sorted;

    private string? _stream;

    // The table the rows' statement numbers refer to, known from the first statement.
    private StatementTable? _table;

    public ClaimRegistered Registration { get; } = registration;

    /// <summary>The claim's stream, named once: every statement appended to the claim goes there.</summary>
    public StreamName Stream => StreamName.Trusted(_stream ??= LedgerStreams.ClaimPrefix + Registration.Id.Value);

    public long Ordinal { get; } = ordinal;

    /// <summary>The claim's number in the index (see <see cref="LedgerIndex.ClaimAt"/>).</summary>
    public int Number { get; init; }

    public DateTimeOffset RecordedAt { get; } = recordedAt;

    public List<(ClaimLinked Link, DateTimeOffset RecordedAt)> Links { get; } = [];

    /// <summary>The claim's statements in the original statement order.</summary>
    public ReadOnlySpan<StatementRow> Statements
    {
        get
        {
            if (_sorted < _count)
            {
                StatementRow[]? scratch = null;
                Sort(ref scratch);
            }

            return _rows.AsSpan(0, _count);
        }
    }

    /// <summary>recordedAt of the first amendment of a saidAt in this claim; null when there is none.</summary>
    public DateTimeOffset? SaidAtAmendedFrom { get; set; }

    /// <summary>The claim as views show it; it does not depend on the as-of point, so it is built once.</summary>
    public ClaimSummary Summary =>
        field ??= new ClaimSummary(Registration.Id, Registration.Text, Registration.Incidents);

    /// <summary>Appends a statement; it is put in statement order when the statements are next read (or settled).</summary>
    /// <param name="statement">The statement's entry in the table.</param>
    /// <param name="recorded">The statement.</param>
    /// <param name="recordedAt">When the ledger recorded it.</param>
    /// <param name="speaker">The speaking actor's number.</param>
    /// <param name="loading">True during a load that trims the index when done: the rows then double when full.</param>
    /// <returns>True when this made the rows unsorted (they were in order before).</returns>
    public bool Add(StatementEntry statement, Statement recorded, DateTimeOffset recordedAt, int speaker,
        bool loading = false)
    {
        if (_count == _rows.Length)
        {
            // Grown by half rather than doubled under appends: a claim keeps its unused rows until an open trims them.
            // A load that trims when done doubles them: half as many arrays allocated and promoted on the way (the
            // rows were a quarter of what an open allocated, 2026-11-30).
            Array.Resize(ref _rows, Math.Max(4, loading ? _count * 2 : _count + (_count >> 1)));
        }

        _table ??= statement.Table;
        var row = new StatementRow(statement.Number, statement.Table.LocationOf(statement.Number), recorded, recordedAt,
            speaker);
        var wasSorted = _sorted == _count;
        var inOrder = wasSorted && (_count == 0 || !Before(row, _rows[_count - 1]));
        _rows[_count++] = row;
        if (inOrder)
        {
            _sorted = _count;
        }

        return wasSorted && !inOrder;
    }

    /// <summary>Puts appended rows in statement order now, rather than at the next read.</summary>
    public void Settle()
    {
        StatementRow[]? scratch = null;
        Settle(ref scratch);
    }

    /// <summary>Puts appended rows in statement order now, reusing <paramref name="scratch"/> for the sort.</summary>
    /// <param name="scratch">Room for the sort, reused between claims settled on one thread.</param>
    public void Settle(ref StatementRow[]? scratch)
    {
        if (_sorted < _count)
        {
            Sort(ref scratch);
        }
    }

    /// <summary>The statement of <paramref name="row"/>, one of this claim's rows.</summary>
    public StatementEntry EntryOf(in StatementRow row) => new(_table!, row.Number);

    /// <summary>True when every row is in statement order, so readers on several threads need not sort.</summary>
    internal bool IsSettled => _sorted == _count;

    /// <summary>Rows the array has room for, used or not.</summary>
    internal int Capacity => _rows.Length;

    /// <summary>Drops the rows the array grew into but does not use; the next statement grows it again.</summary>
    public void TrimExcess()
    {
        if (_rows.Length > _count)
        {
            Array.Resize(ref _rows, _count);
        }
    }

    /// <summary>Notes on the row of <paramref name="statement"/> that <paramref name="correction"/> was recorded.</summary>
    public void Corrected(StatementEntry statement, SaidAt saidAt, CorrectionEntry correction)
    {
        var at = IndexOf(statement, saidAt);
        if (at >= 0)
        {
            _rows[at].AddCorrection(correction.RecordedAt.UtcTicks);
        }
    }

    // The sorted rows are searched by statement order; the unsorted tail is in log order, so by number.
    private int IndexOf(StatementEntry statement, SaidAt saidAt)
    {
        var at = Find(saidAt.StartTicks, saidAt.EndTicks, statement.Number, _sorted);
        if (at < _sorted && _rows[at].Number == statement.Number)
        {
            return at;
        }

        int low = _sorted, high = _count;
        while (low < high)
        {
            var middle = low + ((high - low) >> 1);
            if (_rows[middle].Number < statement.Number)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        return low < _count && _rows[low].Number == statement.Number ? low : -1;
    }

    private void Sort(ref StatementRow[]? scratch)
    {
        var rows = _rows.AsSpan(0, _count);
        if (_count - _sorted <= 8)
        {
            // A few rows appended out of order since the last read: put each in place.
            for (var i = _sorted; i < _count; i++)
            {
                var row = rows[i];
                var at = Find(row.SaidStart, row.SaidEnd, row.Number, i);
                rows.Slice(at, i - at).CopyTo(rows[(at + 1)..]);
                rows[at] = row;
            }
        }
        else
        {
            RowSort.Sort(rows, _sorted, ref scratch);
        }

        _sorted = _count;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static bool Before(in StatementRow a, in StatementRow b) =>
        a.SaidStart != b.SaidStart ? a.SaidStart < b.SaidStart
        : a.SaidEnd != b.SaidEnd ? a.SaidEnd < b.SaidEnd
        : a.Number < b.Number;

    /// <summary>The first of the sorted rows [0, <paramref name="limit"/>) not before (start, end, number).</summary>
    private int Find(long start, long end, int number, int limit = -1)
    {
        int low = 0, high = limit < 0 ? _count : limit;
        while (low < high)
        {
            var middle = low + ((high - low) >> 1);
            ref readonly var row = ref _rows[middle];
            var before = row.SaidStart != start ? row.SaidStart < start
                : row.SaidEnd != end ? row.SaidEnd < end
                : row.Number < number;
            if (before)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        return low;
    }
}

/// <summary>
/// What an evaluation needs of a statement to decide whether it counts and how it folds, and what the views it feeds
/// read of it, without decoding the statement: everything here is fixed when it is recorded, except what is noted of
/// its corrections.
/// </summary>
internal struct StatementRow
{
    // Two bytes declared first, so that they share the first word with the two ints after them and the row packs into
    // 48 bytes (a bool after the longs padded it to 56; a test pins the size).
    private readonly byte _kind;
    private bool _oneCorrection;

    public StatementRow(int number, uint bytes, Statement statement, DateTimeOffset recordedAt, int speaker)
    {
        Number = number;
        Bytes = bytes;
        Speaker = speaker;
        RecordedTicks = recordedAt.UtcTicks;
        SaidStart = statement.SaidAt.StartTicks;
        SaidEnd = statement.SaidAt.EndTicks;
        CorrectedFrom = long.MaxValue;
        _kind = (byte)statement.Kind;
    }

    /// <summary>
    /// The number of the recorded statement's actor (<see cref="LedgerIndex.ActorAt"/>): numbers rather than
    /// references keep the row at 48 bytes, and two statements have the same actor exactly when they have the same
    /// number. The source and, for a retraction or conclusion, the target are in the statement's bytes: views and the
    /// few statements of those kinds read them there.
    /// </summary>
    public int Speaker { get; }

    /// <summary>The statement's number in the index's <see cref="StatementTable"/>; orders like the log.</summary>
    public int Number { get; }

    /// <summary>
    /// Where the statement's bytes are in the table (<see cref="StatementTable.ReadPartsAt"/>): it fits in the row's
    /// padding, and spares a view a visit to the statement's slot before its bytes.
    /// </summary>
    public uint Bytes { get; }

    /// <summary>recordedAt in UTC ticks (the ledger's clock is UTC).</summary>
    public long RecordedTicks { get; }

    /// <summary>The original saidAt start in UTC ticks.</summary>
    public long SaidStart { get; }

    /// <summary>The original saidAt end in UTC ticks.</summary>
    public long SaidEnd { get; }

    /// <summary>recordedAt of the first correction in UTC ticks; <see cref="long.MaxValue"/> when there is none.</summary>
    public long CorrectedFrom { get; private set; }

    public StatementKind Kind => (StatementKind)_kind;

    /// <summary>
    /// True when exactly one correction was recorded: as of any R from <see cref="CorrectedFrom"/> on, the statement
    /// is then what the ledger holds now (<see cref="StatementEntry.Current"/>, or struck), with nothing to replay.
    /// </summary>
    public readonly bool OneCorrection => _oneCorrection;

    public void AddCorrection(long recordedTicks)
    {
        _oneCorrection = CorrectedFrom == long.MaxValue;
        CorrectedFrom = Math.Min(CorrectedFrom, recordedTicks);
    }
}
