using ClaimsLedger.Serialization;
using Newtonsoft.Json;

namespace ClaimsLedger.Integrity;

/// <summary>
/// Proof that one event is in a published ledger: its content (to recompute its chain hash), the hash before it, and
/// the RFC 6962 audit path from its leaf to the tree root of the digest's size. Checkable without the ledger.
/// </summary>
/// <param name="Sequence">The event's 1-based place in the ledger (its leaf is number Sequence − 1).</param>
/// <param name="TreeSize">The size of the tree the proof is for (a digest's size).</param>
/// <param name="Stream">The event's stream.</param>
/// <param name="Version">Its revision in the stream.</param>
/// <param name="Type">Its event type name.</param>
/// <param name="EventId">Its id.</param>
/// <param name="RecordedAt">Its recordedAt.</param>
/// <param name="Data">Its stored payload, base64.</param>
/// <param name="Metadata">Its stored metadata, base64.</param>
/// <param name="PreviousHash">The chain hash before it, hex.</param>
/// <param name="Hash">Its chain hash, hex.</param>
/// <param name="Path">The audit path, leaf to root, hex.</param>
/// <param name="Root">The tree root the path leads to, hex.</param>
public sealed record InclusionProof(
    long Sequence,
    long TreeSize,
    string Stream,
    long Version,
    string Type,
    Guid EventId,
    DateTimeOffset RecordedAt,
    string Data,
    string Metadata,
    string PreviousHash,
    string Hash,
    IReadOnlyList<string> Path,
    string Root)
{
    /// <summary>
    /// True when the event's content gives its hash and the path leads from its leaf to the digest's root. The root
    /// commits to every event up to the digest's size, so the digest's size and root are what is checked; its hash and
    /// recordedAt are checked against the ledger itself by <see cref="LedgerIntegrity.VerifyAsync"/>.
    /// </summary>
    public bool Verify(LedgerDigest digest)
    {
        ArgumentNullException.ThrowIfNull(digest);
        return digest.Size == TreeSize && digest.Root == Root && VerifyAgainst(Root);
    }

    /// <summary>True when the event's content gives its hash and the path leads from its leaf to <paramref name="root"/>.</summary>
    public bool VerifyAgainst(string root)
    {
        ArgumentNullException.ThrowIfNull(root);
        try
        {
            var computed = EventHash.Compute(Sequence, Stream, Version, Type, EventId, RecordedAt,
                Convert.FromBase64String(Data), Convert.FromBase64String(Metadata), EventHash.FromHex(PreviousHash));
            return EventHash.ToHex(computed) == Hash
                   && MerkleTree.VerifyInclusion(MerkleTree.LeafHash(computed), Sequence - 1, TreeSize,
                       [.. Path.Select(EventHash.FromHex)], EventHash.FromHex(root));
        }
        catch (Exception e) when (e is FormatException or ArgumentException)
        {
            return false;
        }
    }

    /// <summary>The proof as indented JSON, to hand to whoever holds the digest.</summary>
    public string ToJson() => Views.ViewJson.Serialize(this);

    /// <summary>Reads a proof written by <see cref="ToJson"/>.</summary>
    /// <exception cref="LedgerFormatException">Not such a proof: malformed JSON, or a missing field (named).</exception>
    public static InclusionProof FromJson(string json)
    {
        var proof = Views.ViewJson.Deserialize<InclusionProof>(json);
        ProofFields.Require(nameof(InclusionProof), ("stream", proof.Stream), ("type", proof.Type), ("data", proof.Data),
            ("metadata", proof.Metadata), ("previousHash", proof.PreviousHash), ("hash", proof.Hash), ("path", proof.Path),
            ("root", proof.Root));
        ProofFields.Require(nameof(InclusionProof), proof.Path);
        return proof;
    }
}

/// <summary>
/// Proof that a later published ledger extends an earlier one: nothing in the first <see cref="OldSize"/> events
/// changed (RFC 6962 consistency proof).
/// </summary>
/// <param name="OldSize">The earlier digest's size.</param>
/// <param name="NewSize">The later digest's size.</param>
/// <param name="OldRoot">The earlier tree root, hex.</param>
/// <param name="NewRoot">The later tree root, hex.</param>
/// <param name="Path">The consistency proof, hex.</param>
public sealed record ConsistencyProof(long OldSize, long NewSize, string OldRoot, string NewRoot, IReadOnlyList<string> Path)
{
    /// <summary>True when the proof shows <paramref name="newer"/> extends <paramref name="older"/>.</summary>
    public bool Verify(LedgerDigest older, LedgerDigest newer)
    {
        ArgumentNullException.ThrowIfNull(older);
        ArgumentNullException.ThrowIfNull(newer);
        try
        {
            return older.Size == OldSize && newer.Size == NewSize && older.Root == OldRoot && newer.Root == NewRoot
                   && MerkleTree.VerifyConsistency(OldSize, NewSize, EventHash.FromHex(OldRoot), EventHash.FromHex(NewRoot),
                       [.. Path.Select(EventHash.FromHex)]);
        }
        catch (Exception e) when (e is FormatException or ArgumentException)
        {
            return false;
        }
    }

    /// <summary>The proof as indented JSON.</summary>
    public string ToJson() => Views.ViewJson.Serialize(this);

    /// <summary>Reads a proof written by <see cref="ToJson"/>.</summary>
    /// <exception cref="LedgerFormatException">Not such a proof: malformed JSON, or a missing field (named).</exception>
    public static ConsistencyProof FromJson(string json)
    {
        var proof = Views.ViewJson.Deserialize<ConsistencyProof>(json);
        ProofFields.Require(nameof(ConsistencyProof), ("oldRoot", proof.OldRoot), ("newRoot", proof.NewRoot), ("path", proof.Path));
        ProofFields.Require(nameof(ConsistencyProof), proof.Path);
        return proof;
    }
}

/// <summary>Checks that a proof read from JSON has every field, naming the first missing one.</summary>
internal static class ProofFields
{
    public static void Require(string proof, params (string Name, object? Value)[] fields)
    {
        foreach (var (name, value) in fields)
        {
            if (value is null)
            {
                throw new LedgerFormatException(name, $"the {proof} has no '{name}'");
            }
        }
    }

    public static void Require(string proof, IReadOnlyList<string> path)
    {
        if (path.Any(p => p is null))
        {
            throw new LedgerFormatException("path", $"the {proof}'s path has an empty entry");
        }
    }
}
