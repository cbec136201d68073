using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace ClaimsLedger.Integrity;

/// <summary>
/// The hash chain over the ledger's global order: each event's SHA-256 over its canonical byte form, which ends with
/// the previous event's hash. The canonical form is documented in docs/integrity.md so that other programs can
/// verify a ledger without this library.
/// </summary>
/// <remarks>
/// Canonical form (UTF-8, every line ends with <c>\n</c>; <c>n:</c> prefixes give byte lengths):
/// <code>
/// claims-ledger-event-v1
/// sequence:&lt;1-based place in the global order, decimal&gt;
/// stream:&lt;n&gt;:&lt;stream name&gt;
/// version:&lt;0-based stream revision, decimal&gt;
/// type:&lt;n&gt;:&lt;event type name&gt;
/// id:&lt;event id, lowercase 8-4-4-4-12 hex&gt;
/// recorded:&lt;recordedAt, yyyy-MM-ddTHH:mm:ss.fffffffZ&gt;
/// data:&lt;n&gt;:&lt;payload bytes&gt;
/// metadata:&lt;n&gt;:&lt;metadata bytes&gt;
/// previous:&lt;previous event's hash, 64 lowercase hex; 64 zeros for the first event&gt;
/// </code>
/// </remarks>
public static class EventHash
{
    /// <summary>Length of a hash in bytes.</summary>
    public const int Length = 32;

    /// <summary>The "previous hash" of the first event: 32 zero bytes.</summary>
    public static ReadOnlyMemory<byte> Genesis { get; } = new byte[Length];

    /// <summary>The canonical byte form of an event, the input of its hash.</summary>
    public static byte[] CanonicalForm(long sequence, string stream, long version, string type, Guid eventId,
        DateTimeOffset recordedAt, ReadOnlySpan<byte> data, ReadOnlySpan<byte> metadata, ReadOnlySpan<byte> previous)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(type);
        if (previous.Length != Length)
        {
            throw new ArgumentException($"the previous hash must be {Length} bytes, got {previous.Length}", nameof(previous));
        }

        var buffer = new ArrayBufferWriter(data.Length + metadata.Length + stream.Length + 256);
        buffer.Text("claims-ledger-event-v1\n");
        buffer.Text(FormattableString.Invariant($"sequence:{sequence}\n"));
        buffer.Field("stream", Encoding.UTF8.GetBytes(stream));
        buffer.Text(FormattableString.Invariant($"version:{version}\n"));
        buffer.Field("type", Encoding.UTF8.GetBytes(type));
        buffer.Text($"id:{eventId:D}\n");
        buffer.Text($"recorded:{RecordedAtText(recordedAt)}\n");
        buffer.Field("data", data);
        buffer.Field("metadata", metadata);
        buffer.Text($"previous:{Convert.ToHexStringLower(previous)}\n");
        return buffer.ToArray();
    }

    /// <summary>The hash of an event: SHA-256 of its canonical form.</summary>
    public static byte[] Compute(long sequence, string stream, long version, string type, Guid eventId,
        DateTimeOffset recordedAt, ReadOnlySpan<byte> data, ReadOnlySpan<byte> metadata, ReadOnlySpan<byte> previous) =>
        SHA256.HashData(CanonicalForm(sequence, stream, version, type, eventId, recordedAt, data, metadata, previous));

    /// <summary>recordedAt as the canonical form, digests and exports write it: UTC, always seven fraction digits.</summary>
    public static string RecordedAtText(DateTimeOffset recordedAt) =>
        recordedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    /// <summary>Lowercase hex, the form hashes take in text.</summary>
    public static string ToHex(ReadOnlySpan<byte> hash) => Convert.ToHexStringLower(hash);

    /// <summary>Parses 64 hex digits into a hash.</summary>
    /// <exception cref="FormatException">Not 64 hex digits.</exception>
    public static byte[] FromHex(string hex)
    {
        ArgumentNullException.ThrowIfNull(hex);
        if (hex.Length != Length * 2)
        {
            throw new FormatException($"'{hex}' is not a hash: expected {Length * 2} hex digits");
        }

        try
        {
            return Convert.FromHexString(hex);
        }
        catch (FormatException e)
        {
            throw new FormatException($"'{hex}' is not a hash: expected {Length * 2} hex digits", e);
        }
    }

    private sealed class ArrayBufferWriter(int capacity)
    {
        private readonly MemoryStream _stream = new(capacity);

        public void Text(string text) => _stream.Write(Encoding.UTF8.GetBytes(text));

        public void Field(string name, ReadOnlySpan<byte> value)
        {
            Text(FormattableString.Invariant($"{name}:{value.Length}:"));
            _stream.Write(value);
            _stream.WriteByte((byte)'\n');
        }

        public byte[] ToArray() => _stream.ToArray();
    }
}
