using System.Buffers;
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
        var buffer = new byte[MaxCanonicalLength(stream, type, data, metadata)];
        var length = WriteCanonicalForm(buffer, sequence, stream, version, type, eventId, recordedAt, data, metadata, previous);
        return buffer[..length];
    }

    /// <summary>The hash of an event: SHA-256 of its canonical form.</summary>
    public static byte[] Compute(long sequence, string stream, long version, string type, Guid eventId,
        DateTimeOffset recordedAt, ReadOnlySpan<byte> data, ReadOnlySpan<byte> metadata, ReadOnlySpan<byte> previous)
    {
        var hash = new byte[Length];
        Compute(sequence, stream, version, type, eventId, recordedAt, data, metadata, previous, hash);
        return hash;
    }

    /// <summary>Writes the hash of an event into <paramref name="destination"/> (32 bytes), allocating nothing.</summary>
    public static void Compute(long sequence, string stream, long version, string type, Guid eventId,
        DateTimeOffset recordedAt, ReadOnlySpan<byte> data, ReadOnlySpan<byte> metadata, ReadOnlySpan<byte> previous,
        Span<byte> destination)
    {
        var max = MaxCanonicalLength(stream, type, data, metadata);
        byte[]? rented = null;
        var buffer = max <= 2048 ? stackalloc byte[2048] : (rented = ArrayPool<byte>.Shared.Rent(max));
        try
        {
            var length = WriteCanonicalForm(buffer, sequence, stream, version, type, eventId, recordedAt, data, metadata, previous);
            SHA256.HashData(buffer[..length], destination);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    internal static int MaxCanonicalLength(string stream, string type, ReadOnlySpan<byte> data, ReadOnlySpan<byte> metadata)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(type);

        // The fixed words, four lengths and two numbers of at most 20 digits, the id, the instant and the hex hash.
        return 400 + Encoding.UTF8.GetMaxByteCount(stream.Length) + Encoding.UTF8.GetMaxByteCount(type.Length) + data.Length +
               metadata.Length;
    }

    internal static int WriteCanonicalForm(Span<byte> buffer, long sequence, string stream, long version, string type,
        Guid eventId, DateTimeOffset recordedAt, ReadOnlySpan<byte> data, ReadOnlySpan<byte> metadata, ReadOnlySpan<byte> previous)
    {
        if (previous.Length != Length)
        {
            throw new ArgumentException($"the previous hash must be {Length} bytes, got {previous.Length}", nameof(previous));
        }

        var w = new CanonicalWriter(buffer);
        w.Bytes("claims-ledger-event-v1\nsequence:"u8);
        w.Number(sequence);
        w.Bytes("\nstream:"u8);
        w.Text(stream);
        w.Bytes("version:"u8);
        w.Number(version);
        w.Bytes("\ntype:"u8);
        w.Text(type);
        w.Bytes("id:"u8);
        w.Id(eventId);
        w.Bytes("\nrecorded:"u8);
        w.Instant(recordedAt);
        w.Bytes("\ndata:"u8);
        w.Field(data);
        w.Bytes("metadata:"u8);
        w.Field(metadata);
        w.Bytes("previous:"u8);
        w.Hex(previous);
        w.Bytes("\n"u8);
        return w.Length;
    }

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

    /// <summary>Writes the canonical form's pieces into a span sized by <see cref="MaxCanonicalLength"/>.</summary>
    private ref struct CanonicalWriter(Span<byte> buffer)
    {
        private readonly Span<byte> _buffer = buffer;

        public int Length { get; private set; }

        public void Bytes(ReadOnlySpan<byte> bytes)
        {
            bytes.CopyTo(_buffer[Length..]);
            Length += bytes.Length;
        }

        public void Number(long value)
        {
            value.TryFormat(_buffer[Length..], out var written, provider: CultureInfo.InvariantCulture);
            Length += written;
        }

        /// <summary>Length-prefixed UTF-8 text: <c>n:text\n</c>.</summary>
        public void Text(string text)
        {
            var byteCount = Encoding.UTF8.GetByteCount(text);
            Number(byteCount);
            Bytes(":"u8);
            Length += Encoding.UTF8.GetBytes(text, _buffer[Length..]);
            Bytes("\n"u8);
        }

        /// <summary>Length-prefixed bytes: <c>n:bytes\n</c>.</summary>
        public void Field(ReadOnlySpan<byte> value)
        {
            Number(value.Length);
            Bytes(":"u8);
            Bytes(value);
            Bytes("\n"u8);
        }

        public void Id(Guid id)
        {
            id.TryFormat(_buffer[Length..], out var written, "D");
            Length += written;
        }

        public void Instant(DateTimeOffset instant)
        {
            // "O" of a UTC DateTime is exactly yyyy-MM-ddTHH:mm:ss.fffffffZ, on the formatter's fast path.
            instant.UtcDateTime.TryFormat(_buffer[Length..], out var written, "O", CultureInfo.InvariantCulture);
            Length += written;
        }

        public void Hex(ReadOnlySpan<byte> hash)
        {
            Convert.TryToHexStringLower(hash, _buffer[Length..], out var written);
            Length += written;
        }
    }
}
