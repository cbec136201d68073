namespace ClaimsLedger.Integrity;

/// <summary>
/// The RFC 6962 tree root of a growing log in O(log n) memory: the roots of the perfect subtrees that the log's size
/// decomposes into (its binary digits), left to right. The root folds them right to left, which is exactly the
/// tree that splits at the largest power of two.
/// </summary>
internal sealed class MerkleFrontier
{
    private readonly List<(byte[] Hash, long Size)> _subtrees = [];

    public long Size { get; private set; }

    public void Add(byte[] leafHash)
    {
        var node = (Hash: leafHash, Size: 1L);
        while (_subtrees.Count > 0 && _subtrees[^1].Size == node.Size)
        {
            var left = _subtrees[^1];
            _subtrees.RemoveAt(_subtrees.Count - 1);
            node = (MerkleTree.NodeHash(left.Hash, node.Hash), left.Size * 2);
        }

        _subtrees.Add(node);
        Size++;
    }

    public byte[] Root()
    {
        if (_subtrees.Count == 0)
        {
            return System.Security.Cryptography.SHA256.HashData([]);
        }

        var root = _subtrees[^1].Hash;
        for (var i = _subtrees.Count - 2; i >= 0; i--)
        {
            root = MerkleTree.NodeHash(_subtrees[i].Hash, root);
        }

        return root;
    }
}
