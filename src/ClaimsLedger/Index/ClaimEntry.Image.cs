using System.Runtime.CompilerServices;
using ClaimsLedger.Events;
using ClaimsLedger.Snapshots;

namespace ClaimsLedger.Index;

/// <summary>A claim in a snapshot's index image: its registration, links and rows, the rows as their bytes.</summary>
internal sealed partial class ClaimEntry
{
    // How many rows ahead ReadImage loads a row's slot and bytes.
    private const int LoadAhead = 8;

    // What ReadImage's loads ahead read (the last claim's): kept only so that the loads are not dropped.
    private static int _loadedAhead;

    internal void WriteImage(ImageWriter image)
    {
        Settle();
        image.Event(Registration);
        image.Long(Ordinal);
        image.Long(RecordedAt.UtcTicks);
        image.Int(Number);
        image.Bool(SaidAtAmendedFrom is not null);
        image.Long(SaidAtAmendedFrom?.UtcTicks ?? 0);
        image.Int(Links.Count);
        foreach (var (link, recordedAt) in Links)
        {
            image.Event(link);
            image.Long(recordedAt.UtcTicks);
        }

        image.Values<StatementRow>(_rows.AsSpan(0, _count));
    }

    /// <param name="image">The image, at the claim.</param>
    /// <param name="table">The statement table read before the claims.</param>
    /// <param name="seen">Per statement number, whether a row of a claim read before holds it: each must be in one row.</param>
    // Loops over every statement once per process, in a fresh process: compiled optimised at once, as are the checks
    // and table methods it calls, instead of first as tier-0 code (a fifth of a cold image load, a perf profile, 2026-11-30).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static ClaimEntry ReadImage(ref ImageReader image, StatementTable table, bool[] seen)
    {
        var registration = image.Event<ClaimRegistered>();
        var claim = new ClaimEntry(registration, image.Long(), Utc(image.Long())) { Number = image.Int() };
        if (!table.Names.Claims.IsNumberOf(claim.Number, registration.Id))
        {
            throw image.Damaged($"claim '{registration.Id}' under number {claim.Number}");
        }

        var amended = image.Bool();
        var amendedFrom = image.Long();
        claim.SaidAtAmendedFrom = amended ? Utc(amendedFrom) : null;
        var links = image.Count(8);
        for (var i = 0; i < links; i++)
        {
            claim.Links.Add((image.Event<ClaimLinked>(), Utc(image.Long())));
        }

        var rows = image.Values<StatementRow>();
        var touched = 0;
        for (var i = 0; i < rows.Length; i++)
        {
            // The rows' statements lie all over the table: each check waits on its slot and its bytes. Loading those of
            // a row further on first lets those waits overlap.
            if (i + LoadAhead < rows.Length)
            {
                touched ^= table.TouchAhead(rows[i + LoadAhead].Number, rows[i + LoadAhead].Bytes);
            }

            ref readonly var row = ref rows[i];
            if ((uint)row.Number >= (uint)table.Count || table.LocationOf(row.Number) != row.Bytes
                || (uint)row.Speaker >= (uint)table.Names.Actors.Count
                || !IsTime(row.RecordedTicks) || !(IsTime(row.CorrectedFrom) || row.CorrectedFrom == long.MaxValue)
                || (i > 0 && !Before(rows[i - 1], row))
                || seen[row.Number])
            {
                throw image.Damaged($"row {i} of claim '{registration.Id}', which does not fit the statement table");
            }

            seen[row.Number] = true;
            if (!Matches(table, row, registration.Id))
            {
                throw image.Damaged($"statement {row.Number} of claim '{registration.Id}', whose bytes do not match its row");
            }
        }

        claim._rows = rows;
        _loadedAhead = touched;
        claim._count = claim._sorted = rows.Length;
        claim._table = table;
        return claim;
    }

    /// <summary>
    /// Walks the bytes of the statement of <paramref name="row"/>, every part and number checked, and requires what the
    /// row says of it: what the views read later can then not fail on a damaged image.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool Matches(StatementTable table, in StatementRow row, ClaimId claim) =>
        table.TryCheckAt(row.Bytes, out var found)
        && found.Kind == row.Kind && table.Names.Claims[found.Claim] == claim && found.Actor == row.Speaker
        && found.SaidAt.StartTicks == row.SaidStart && found.SaidAt.EndTicks == row.SaidEnd && found.Target < row.Number;

    private static bool IsTime(long ticks) => ticks >= 0 && ticks <= DateTimeOffset.MaxValue.UtcTicks;

    private static DateTimeOffset Utc(long ticks) =>
        IsTime(ticks) ? new DateTimeOffset(ticks, TimeSpan.Zero)
        : throw new SnapshotFormatException($"snapshot index image is damaged: a time of {ticks} ticks");
}
