using System.Security.Cryptography;
using System.Text;
using ClaimsLedger.Integrity;

namespace ClaimsLedger.Tests.Integrity;

/// <summary>RFC 6962 trees: roots, inclusion and consistency proofs for sizes 1 to 1000, and wrong proofs failing.</summary>
public sealed class MerkleTreeTests
{
    private static readonly List<byte[]> Leaves = [.. Enumerable.Range(0, 1000)
        .Select(i => MerkleTree.LeafHash(SHA256.HashData(Encoding.UTF8.GetBytes($"event {i}"))))];

    // Not a leaf or node of any tree above, so substituting it always changes a proof.
    private static readonly byte[] Foreign = SHA256.HashData(Encoding.UTF8.GetBytes("not in the tree"));

    [Fact]
    public void The_root_of_three_leaves_matches_an_independent_computation()
    {
        var leaves = new[] { "a", "b", "c" }.Select(d => MerkleTree.LeafHash(Encoding.UTF8.GetBytes(d))).ToList();

        Assert.Equal("36642e73c2540ab121e3a6bf9545b0a24982cd830eb13d3cd19de3ce6c021ec1", EventHash.ToHex(MerkleTree.Root(leaves, 3)));
        Assert.Equal(EventHash.ToHex(SHA256.HashData([])), EventHash.ToHex(MerkleTree.Root(leaves, 0)));
    }

    [Fact]
    public void The_frontier_root_of_a_growing_log_matches_the_tree_root_at_every_size()
    {
        var frontier = new MerkleFrontier();
        Assert.Equal(MerkleTree.Root(Leaves, 0), frontier.Root());
        for (var size = 1; size <= 1000; size++)
        {
            frontier.Add(Leaves[size - 1]);

            Assert.Equal(MerkleTree.Root(Leaves, size), frontier.Root());
        }
    }

    [Fact]
    public void Inclusion_proofs_verify_for_every_size_up_to_1000_and_fail_when_wrong()
    {
        var random = new Random(6962);
        for (var size = 1; size <= 1000; size++)
        {
            var root = MerkleTree.Root(Leaves, size);
            foreach (var index in new[] { 0, size - 1, size / 2, random.Next(size) }.Distinct())
            {
                var proof = MerkleTree.InclusionProof(Leaves, index, size);

                Assert.True(MerkleTree.VerifyInclusion(Leaves[index], index, size, proof, root), $"leaf {index} of {size}");
                Assert.False(MerkleTree.VerifyInclusion(Leaves[(index + 1) % 1000], index, size, proof, root) && size > 1);
                if (proof.Count > 0)
                {
                    var tampered = proof.ToList();
                    tampered[random.Next(tampered.Count)] = Foreign;
                    Assert.False(MerkleTree.VerifyInclusion(Leaves[index], index, size, tampered, root), $"tampered {index} of {size}");
                    Assert.False(MerkleTree.VerifyInclusion(Leaves[index], index, size, proof.Take(proof.Count - 1).ToList(), root));
                }

                if (size < 1000)
                {
                    // The path covers every other leaf, so it cannot also prove the leaf in the grown tree.
                    Assert.False(MerkleTree.VerifyInclusion(Leaves[index], index, size + 1, proof, MerkleTree.Root(Leaves, size + 1)),
                        $"leaf {index} of {size} against the tree of {size + 1}");
                }
            }
        }
    }

    [Fact]
    public void Consistency_proofs_verify_for_sizes_up_to_1000_and_fail_when_wrong()
    {
        var random = new Random(9162);
        for (var newSize = 1; newSize <= 1000; newSize++)
        {
            var newRoot = MerkleTree.Root(Leaves, newSize);
            foreach (var oldSize in new[] { 1, newSize, newSize / 2 + 1, random.Next(1, newSize + 1) }.Distinct())
            {
                var oldRoot = MerkleTree.Root(Leaves, oldSize);
                var proof = MerkleTree.ConsistencyProof(Leaves, oldSize, newSize);

                Assert.True(MerkleTree.VerifyConsistency(oldSize, newSize, oldRoot, newRoot, proof), $"{oldSize} -> {newSize}");
                if (oldSize < newSize)
                {
                    var wrongOld = MerkleTree.Root(Leaves, oldSize - 1 > 0 ? oldSize - 1 : 1);
                    Assert.False(MerkleTree.VerifyConsistency(oldSize, newSize, Foreign, newRoot, proof));
                    Assert.False(MerkleTree.VerifyConsistency(oldSize, newSize, oldRoot, Foreign, proof));
                    var tampered = proof.ToList();
                    tampered[random.Next(tampered.Count)] = Foreign;
                    Assert.False(MerkleTree.VerifyConsistency(oldSize, newSize, oldRoot, newRoot, tampered));
                    Assert.False(oldSize > 1 && !wrongOld.AsSpan().SequenceEqual(oldRoot)
                                 && MerkleTree.VerifyConsistency(oldSize, newSize, wrongOld, newRoot, proof));
                }
            }
        }
    }
}
