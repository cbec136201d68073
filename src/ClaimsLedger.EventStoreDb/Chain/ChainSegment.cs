using ClaimsLedger.Integrity;
using ClaimsLedger.Storage;

namespace ClaimsLedger.EventStoreDb.Chain;

/// <summary>What a read attaches to one chained event.</summary>
internal readonly record struct ChainMark(long Sequence, ReadOnlyMemory<byte> Hash, ReadOnlyMemory<byte> PreviousHash);

/// <summary>
/// One link as the index keeps it: 48 bytes an event (its position and its hash, packed in one array); the sequence
/// follows from the order and the previous hash is the hash before. Never changed once built, so the hashes handed to
/// readers stay valid; cutting the segment shares the arrays.
/// </summary>
internal sealed class ChainSegment
{
    private readonly GlobalPosition[] _positions;
    private readonly byte[] _hashes;
    private readonly byte[] _previous;

    private ChainSegment(long first, byte[] previous, GlobalPosition[] positions, byte[] hashes, int count)
    {
        First = first;
        _previous = previous;
        _positions = positions;
        _hashes = hashes;
        Count = count;
    }

    public long First { get; }

    public int Count { get; }

    public GlobalPosition FirstPosition => _positions[0];

    public GlobalPosition LastPosition => _positions[Count - 1];

    public static ChainSegment Of(ChainLink link)
    {
        var hashes = new byte[link.Entries.Count * EventHash.Length];
        for (var i = 0; i < link.Entries.Count; i++)
        {
            link.Entries[i].Hash.CopyTo(hashes, i * EventHash.Length);
        }

        return new ChainSegment(link.First, link.Previous, [.. link.Entries.Select(e => e.Position)], hashes,
            link.Entries.Count);
    }

    /// <summary>The entry at <paramref name="position"/>, found by binary search, or null.</summary>
    public ChainMark? Find(GlobalPosition position)
    {
        var i = Array.BinarySearch(_positions, 0, Count, position);
        return i < 0 ? null : new ChainMark(First + i, Hash(i), i == 0 ? _previous : Hash(i - 1));
    }

    /// <summary>The segment without its entries at or after <paramref name="position"/>; null when none is left.</summary>
    public ChainSegment? CutAt(GlobalPosition position)
    {
        var i = Array.BinarySearch(_positions, 0, Count, position);
        var keep = i < 0 ? ~i : i;
        return keep == 0 ? null : new ChainSegment(First, _previous, _positions, _hashes, keep);
    }

    private ReadOnlyMemory<byte> Hash(int i) => _hashes.AsMemory(i * EventHash.Length, EventHash.Length);
}
