using ClaimsLedger.Events;

namespace ClaimsLedger.Index;

/// <summary>A claim with its links and its statements kept in the ledger's statement order.</summary>
/// <remarks>
/// Statements are sorted by the original saidAt start, end, then log order (design rule 3). An amendment can move a
/// statement's saidAt; views as recorded after such an amendment re-sort (see <see cref="SaidAtAmendedFrom"/>).
/// </remarks>
internal sealed class ClaimEntry(ClaimRegistered registration, long ordinal, DateTimeOffset recordedAt)
{
    private static readonly Comparer<StatementEntry> OriginalOrder = Comparer<StatementEntry>.Create(Compare);

    public ClaimRegistered Registration { get; } = registration;

    public long Ordinal { get; } = ordinal;

    public DateTimeOffset RecordedAt { get; } = recordedAt;

    public List<(ClaimLinked Link, DateTimeOffset RecordedAt)> Links { get; } = [];

    public List<StatementEntry> Statements { get; } = [];

    /// <summary>recordedAt of the first amendment of a saidAt in this claim; null when there is none.</summary>
    public DateTimeOffset? SaidAtAmendedFrom { get; set; }

    public void Add(StatementEntry statement)
    {
        var index = Statements.BinarySearch(statement, OriginalOrder);
        Statements.Insert(index < 0 ? ~index : index, statement);
    }

    private static int Compare(StatementEntry a, StatementEntry b)
    {
        var bySaid = a.Original.SaidAt.CompareTo(b.Original.SaidAt);
        return bySaid != 0 ? bySaid : a.Ordinal.CompareTo(b.Ordinal);
    }
}
