using System.Security.Cryptography;
using System.Text;
using ClaimsLedger.Events;

namespace ClaimsLedger.Recording;

/// <summary>
/// Deterministic event ids derived from the domain key of each event (a statement's id, a correction's id ...),
/// so that a retried append carries the same id and every store can recognise the repeat.
/// </summary>
/// <remarks>Format: SHA-256 of <c>claims-ledger/</c> + key, first 16 bytes, RFC 9562 version 8 and variant bits.</remarks>
internal static class EventIds
{
    public static Guid For(LedgerEvent @event) => @event switch
    {
        // The kinds recorded by the million: the same key, hashed without building its string.
        Statement e => FromKey("statement/", e.Id.Value),
        StatementAmended e => FromKey("correction/", e.Id.Value),
        StatementStruck e => FromKey("correction/", e.Id.Value),
        _ => FromKey(KeyOf(@event)),
    };

    public static string KeyOf(LedgerEvent @event) => @event switch
    {
        ClaimRegistered e => $"claim/{e.Id}",
        ClaimLinked e => $"claim-link/{e.Claim}/{EnumText(e.Link)}/{e.Target}",
        ActorRegistered e => $"actor/{e.Id}",
        ActorAffiliated e => $"affiliation/{e.Actor}/{e.Organisation}/{e.Since}",
        ActorAffiliationEnded e => $"affiliation-end/{e.Actor}/{e.Organisation}/{e.Until}",
        SourceRegistered e => $"source/{e.Id}",
        Statement e => $"statement/{e.Id}",
        StatementAmended e => $"correction/{e.Id}",
        StatementStruck e => $"correction/{e.Id}",
        _ => throw new ArgumentException($"unknown event {@event.GetType().Name}", nameof(@event)),
    };

    public static Guid FromKey(string key)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(Namespace + key), hash);
        return FromHash(hash);
    }

    /// <summary>The id of the key <paramref name="kind"/> + <paramref name="id"/>, as <see cref="FromKey(string)"/>.</summary>
    private static Guid FromKey(string kind, string id)
    {
        var length = Encoding.UTF8.GetByteCount(Namespace) + Encoding.UTF8.GetByteCount(kind) + Encoding.UTF8.GetByteCount(id);
        if (length > 512)
        {
            return FromKey(kind + id);
        }

        Span<byte> key = stackalloc byte[length];
        var written = Encoding.UTF8.GetBytes(Namespace, key);
        written += Encoding.UTF8.GetBytes(kind, key[written..]);
        Encoding.UTF8.GetBytes(id, key[written..]);
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(key, hash);
        return FromHash(hash);
    }

    private const string Namespace = "claims-ledger/";

    private static Guid FromHash(Span<byte> hash)
    {
        var bytes = hash[..16];
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x80);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes, bigEndian: true);
    }

    private static string EnumText(ClaimLinkKind kind) => kind switch
    {
        ClaimLinkKind.Contradicts => "contradicts",
        ClaimLinkKind.Refines => "refines",
        ClaimLinkKind.PartOf => "part-of",
        _ => ((int)kind).ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}
