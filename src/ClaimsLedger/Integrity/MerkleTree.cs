using System.Security.Cryptography;

namespace ClaimsLedger.Integrity;

/// <summary>
/// The Merkle tree over the log, as in RFC 6962 (Certificate Transparency) section 2.1: leaf hash =
/// SHA-256(0x00 || leaf), node hash = SHA-256(0x01 || left || right), the split at the largest power of two below
/// the size. The leaves are the events' chain hashes, in global order.
/// </summary>
public static class MerkleTree
{
    /// <summary>The leaf hash of one entry: SHA-256(0x00 || leaf).</summary>
    public static byte[] LeafHash(ReadOnlySpan<byte> leaf)
    {
        if (leaf.Length > 256)
        {
            return Hash(0, leaf, []);
        }

        Span<byte> input = stackalloc byte[1 + leaf.Length];
        input[0] = 0;
        leaf.CopyTo(input[1..]);
        return SHA256.HashData(input);
    }

    /// <summary>An interior node: SHA-256(0x01 || left || right).</summary>
    public static byte[] NodeHash(ReadOnlySpan<byte> left, ReadOnlySpan<byte> right)
    {
        if (left.Length + right.Length > 256)
        {
            return Hash(1, left, right);
        }

        Span<byte> input = stackalloc byte[1 + left.Length + right.Length];
        input[0] = 1;
        left.CopyTo(input[1..]);
        right.CopyTo(input[(1 + left.Length)..]);
        return SHA256.HashData(input);
    }

    // Inputs of any size, without a stack buffer sized by the caller.
    private static byte[] Hash(byte prefix, ReadOnlySpan<byte> first, ReadOnlySpan<byte> second)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData([prefix]);
        hash.AppendData(first);
        hash.AppendData(second);
        return hash.GetHashAndReset();
    }

    /// <summary>The tree head (root) over the first <paramref name="size"/> leaf hashes; SHA-256 of nothing when empty.</summary>
    public static byte[] Root(IReadOnlyList<byte[]> leafHashes, int size)
    {
        ArgumentNullException.ThrowIfNull(leafHashes);
        CheckSize(leafHashes, size);
        return size == 0 ? SHA256.HashData([]) : Hash(leafHashes, 0, size);
    }

    /// <summary>The audit path proving leaf <paramref name="index"/> is in the tree of <paramref name="size"/> leaves (RFC 6962 2.1.1).</summary>
    public static IReadOnlyList<byte[]> InclusionProof(IReadOnlyList<byte[]> leafHashes, int index, int size)
    {
        ArgumentNullException.ThrowIfNull(leafHashes);
        CheckSize(leafHashes, size);
        if (index < 0 || index >= size)
        {
            throw new ArgumentOutOfRangeException(nameof(index), index, $"the leaf must be in 0..{size - 1}");
        }

        var path = new List<byte[]>();
        Path(leafHashes, index, 0, size, path);
        return path;
    }

    /// <summary>The proof that the tree of <paramref name="newSize"/> leaves extends the one of <paramref name="oldSize"/> (RFC 6962 2.1.2).</summary>
    public static IReadOnlyList<byte[]> ConsistencyProof(IReadOnlyList<byte[]> leafHashes, int oldSize, int newSize)
    {
        ArgumentNullException.ThrowIfNull(leafHashes);
        CheckSize(leafHashes, newSize);
        if (oldSize < 1 || oldSize > newSize)
        {
            throw new ArgumentOutOfRangeException(nameof(oldSize), oldSize, $"the old size must be in 1..{newSize}");
        }

        var proof = new List<byte[]>();
        if (oldSize < newSize)
        {
            SubProof(leafHashes, oldSize, 0, newSize, complete: true, proof);
        }

        return proof;
    }

    /// <summary>Checks an inclusion proof against a root, knowing only the leaf hash, its index and the tree size.</summary>
    public static bool VerifyInclusion(ReadOnlySpan<byte> leafHash, long index, long size, IReadOnlyList<byte[]> proof,
        ReadOnlySpan<byte> root)
    {
        ArgumentNullException.ThrowIfNull(proof);
        if (index < 0 || index >= size || !AreHashes(proof) || leafHash.Length != EventHash.Length)
        {
            return false;
        }

        // RFC 9162 section 2.1.3.2.
        long fn = index, sn = size - 1;
        var r = leafHash.ToArray();
        foreach (var p in proof)
        {
            if (sn == 0)
            {
                return false;
            }

            if ((fn & 1) == 1 || fn == sn)
            {
                r = NodeHash(p, r);
                if ((fn & 1) == 0)
                {
                    while ((fn & 1) == 0 && fn != 0)
                    {
                        fn >>= 1;
                        sn >>= 1;
                    }
                }
            }
            else
            {
                r = NodeHash(r, p);
            }

            fn >>= 1;
            sn >>= 1;
        }

        return sn == 0 && r.AsSpan().SequenceEqual(root);
    }

    /// <summary>Checks a consistency proof between two tree heads, knowing only their sizes and roots.</summary>
    public static bool VerifyConsistency(long oldSize, long newSize, ReadOnlySpan<byte> oldRoot, ReadOnlySpan<byte> newRoot,
        IReadOnlyList<byte[]> proof)
    {
        ArgumentNullException.ThrowIfNull(proof);
        if (oldSize < 1 || oldSize > newSize || !AreHashes(proof) || oldRoot.Length != EventHash.Length)
        {
            return false;
        }

        if (oldSize == newSize)
        {
            return proof.Count == 0 && oldRoot.SequenceEqual(newRoot);
        }

        // RFC 9162 section 2.1.4.2.
        var path = new List<byte[]>(proof);
        if (IsPowerOfTwo(oldSize))
        {
            path.Insert(0, oldRoot.ToArray());
        }

        if (path.Count == 0)
        {
            return false;
        }

        long fn = oldSize - 1, sn = newSize - 1;
        while ((fn & 1) == 1)
        {
            fn >>= 1;
            sn >>= 1;
        }

        var fr = path[0];
        var sr = path[0];
        foreach (var c in path.Skip(1))
        {
            if (sn == 0)
            {
                return false;
            }

            if ((fn & 1) == 1 || fn == sn)
            {
                fr = NodeHash(c, fr);
                sr = NodeHash(c, sr);
                if ((fn & 1) == 0)
                {
                    while ((fn & 1) == 0 && fn != 0)
                    {
                        fn >>= 1;
                        sn >>= 1;
                    }
                }
            }
            else
            {
                sr = NodeHash(sr, c);
            }

            fn >>= 1;
            sn >>= 1;
        }

        return sn == 0 && fr.AsSpan().SequenceEqual(oldRoot) && sr.AsSpan().SequenceEqual(newRoot);
    }

    private static bool AreHashes(IReadOnlyList<byte[]> proof) => proof.All(p => p is { Length: EventHash.Length });

    private static bool IsPowerOfTwo(long n) => (n & (n - 1)) == 0;

    private static int SplitPoint(int n)
    {
        var k = 1;
        while (k << 1 < n)
        {
            k <<= 1;
        }

        return k;
    }

    private static byte[] Hash(IReadOnlyList<byte[]> leaves, int start, int count)
    {
        if (count == 1)
        {
            return leaves[start];
        }

        var k = SplitPoint(count);
        return NodeHash(Hash(leaves, start, k), Hash(leaves, start + k, count - k));
    }

    private static void Path(IReadOnlyList<byte[]> leaves, int index, int start, int count, List<byte[]> path)
    {
        if (count == 1)
        {
            return;
        }

        var k = SplitPoint(count);
        if (index - start < k)
        {
            Path(leaves, index, start, k, path);
            path.Add(Hash(leaves, start + k, count - k));
        }
        else
        {
            Path(leaves, index, start + k, count - k, path);
            path.Add(Hash(leaves, start, k));
        }
    }

    private static void SubProof(IReadOnlyList<byte[]> leaves, int m, int start, int count, bool complete, List<byte[]> proof)
    {
        if (m == count)
        {
            if (!complete)
            {
                proof.Add(Hash(leaves, start, count));
            }

            return;
        }

        var k = SplitPoint(count);
        if (m <= k)
        {
            SubProof(leaves, m, start, k, complete, proof);
            proof.Add(Hash(leaves, start + k, count - k));
        }
        else
        {
            SubProof(leaves, m - k, start + k, count - k, complete: false, proof);
            proof.Add(Hash(leaves, start, k));
        }
    }

    private static void CheckSize(IReadOnlyList<byte[]> leaves, int size)
    {
        if (size < 0 || size > leaves.Count)
        {
            throw new ArgumentOutOfRangeException(nameof(size), size, $"the tree can have 0..{leaves.Count} leaves");
        }
    }
}
