using ClaimsLedger.Events;
using ClaimsLedger.Snapshots;

namespace ClaimsLedger.Index;

/// <summary>A claim in a snapshot's index image: its registration, links and rows, the rows as their bytes.</summary>
internal sealed partial class ClaimEntry
{
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

    internal static ClaimEntry ReadImage(ref ImageReader image, StatementTable table, int claims)
    {
        var registration = image.Event<ClaimRegistered>();
        var claim = new ClaimEntry(registration, image.Long(), Utc(image.Long())) { Number = image.Int() };
        if ((uint)claim.Number >= (uint)claims || table.Names.Claims[claim.Number] != registration.Id)
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
        for (var i = 0; i < rows.Length; i++)
        {
            ref readonly var row = ref rows[i];
            if ((uint)row.Number >= (uint)table.Count || table.LocationOf(row.Number) != row.Bytes
                || (uint)row.Speaker >= (uint)table.Names.Actors.Count
                || (i > 0 && !Before(rows[i - 1], row)))
            {
                throw image.Damaged($"row {i} of claim '{registration.Id}', which does not fit the statement table");
            }
        }

        claim._rows = rows;
        claim._count = claim._sorted = rows.Length;
        claim._table = table;
        return claim;
    }

    private static DateTimeOffset Utc(long ticks) =>
        ticks is >= 0 and <= 3_155_378_975_999_999_999 ? new DateTimeOffset(ticks, TimeSpan.Zero)
        : throw new SnapshotFormatException($"snapshot index image is damaged: a time of {ticks} ticks");
}
