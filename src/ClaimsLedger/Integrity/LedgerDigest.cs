using System.Globalization;

namespace ClaimsLedger.Integrity;

/// <summary>
/// The head of a ledger at one moment, in one line a newsroom can publish: size, the last event's chain hash, the
/// Merkle tree root over all events, and the last recordedAt. See docs/integrity.md.
/// </summary>
/// <param name="Size">Number of events (the last event's sequence).</param>
/// <param name="Hash">The last event's chain hash, 64 lowercase hex digits.</param>
/// <param name="Root">The RFC 6962 tree root over the events' chain hashes, 64 lowercase hex digits.</param>
/// <param name="RecordedAt">The last event's recordedAt.</param>
public sealed record LedgerDigest(long Size, string Hash, string Root, DateTimeOffset RecordedAt)
{
    private const string Prefix = "claims-ledger-digest/v1/";

    /// <summary>The published form: <c>claims-ledger-digest/v1/SIZE/HASH/ROOT/RECORDEDAT</c>.</summary>
    public override string ToString() =>
        $"{Prefix}{Size.ToString(CultureInfo.InvariantCulture)}/{Hash}/{Root}/" +
        EventHash.RecordedAtText(RecordedAt);

    /// <summary>Parses the published form.</summary>
    /// <exception cref="FormatException">Not a digest; the message says which part is wrong.</exception>
    public static LedgerDigest Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!text.StartsWith(Prefix, StringComparison.Ordinal))
        {
            throw new FormatException($"'{text}' is not a ledger digest: it must start with {Prefix}");
        }

        var parts = text[Prefix.Length..].Split('/');
        if (parts.Length != 4)
        {
            throw new FormatException($"'{text}' is not a ledger digest: expected {Prefix}SIZE/HASH/ROOT/RECORDEDAT");
        }

        if (!long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var size) || size < 1)
        {
            throw new FormatException($"'{parts[0]}' is not a ledger size in digest '{text}'");
        }

        EventHash.FromHex(parts[1]);
        EventHash.FromHex(parts[2]);
        if (!DateTimeOffset.TryParseExact(parts[3], "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var recordedAt))
        {
            throw new FormatException($"'{parts[3]}' is not a recordedAt in digest '{text}'");
        }

        return new LedgerDigest(size, parts[1].ToLowerInvariant(), parts[2].ToLowerInvariant(), recordedAt);
    }
}
