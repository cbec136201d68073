using ClaimsLedger.EventStoreDb.Chain;
using ClaimsLedger.Storage;

namespace ClaimsLedger.EventStoreDb.Tests.Integrity;

/// <summary>
/// The in-memory chain index that reads attach hashes from: lookups by $all position across links, links applied
/// in revision order only, and a later link replacing the chain from its first position on.
/// </summary>
public sealed class ChainIndexTests
{
    [Fact]
    public void Every_chained_position_is_found_with_its_sequence_hash_and_the_hash_before_it()
    {
        var index = new ChainIndex(null!);
        var first = Link(1, Genesis(), 100, 110, 120);
        var second = Link(4, first.Last.Hash, 200, 250);
        var third = Link(6, second.Last.Hash, 300);

        index.Apply(0, first);
        index.Apply(1, second);
        index.Apply(2, third);

        var all = first.Entries.Concat(second.Entries).Concat(third.Entries).ToList();
        for (var i = 0; i < all.Count; i++)
        {
            var mark = index.Find(all[i].Position)!.Value;
            Assert.Equal(i + 1, mark.Sequence);
            Assert.Equal(all[i].Hash, mark.Hash.ToArray());
            Assert.Equal(i == 0 ? Genesis() : all[i - 1].Hash, mark.PreviousHash.ToArray());
        }

        Assert.Null(index.Find(At(115)));
        Assert.Null(index.Find(At(50)));
        Assert.False(index.IsBeyondHead(At(300)));
        Assert.True(index.IsBeyondHead(At(301)));
    }

    [Fact]
    public void A_link_is_applied_only_after_the_revision_before_it()
    {
        var index = new ChainIndex(null!);
        var first = Link(1, Genesis(), 100);
        var second = Link(2, first.Last.Hash, 200);

        index.Apply(1, second);
        index.Apply(0, first);
        index.Apply(0, Link(1, Genesis(), 150));

        Assert.NotNull(index.Find(At(100)));
        Assert.Null(index.Find(At(150)));
        Assert.Null(index.Find(At(200)));
        index.Apply(1, second);
        Assert.Equal(2, index.Find(At(200))!.Value.Sequence);
    }

    [Fact]
    public void A_later_link_that_starts_inside_the_chain_replaces_it_from_its_first_position()
    {
        var index = new ChainIndex(null!);
        index.Apply(0, Link(1, Genesis(), 100, 110, 120));
        index.Apply(1, Link(4, Genesis(), 200, 210));
        var rewritten = Link(3, Genesis(), 120, 130);

        index.Apply(2, rewritten);

        Assert.Equal(2, index.Find(At(110))!.Value.Sequence);
        Assert.Equal(rewritten.Entries[0].Hash, index.Find(At(120))!.Value.Hash.ToArray());
        Assert.Equal(4, index.Find(At(130))!.Value.Sequence);
        Assert.Null(index.Find(At(200)));
        Assert.True(index.IsBeyondHead(At(200)));
    }

    internal static ChainLink Link(long first, byte[] previous, params int[] positions)
    {
        var entries = positions.Select(p => new ChainEntry(At(p), Guid.NewGuid(), DateTimeOffset.UnixEpoch,
            System.Security.Cryptography.RandomNumberGenerator.GetBytes(32))).ToList();
        return new ChainLink(first, previous, entries);
    }

    private static GlobalPosition At(int position) => new((ulong)position, (ulong)position);

    private static byte[] Genesis() => new byte[32];
}
