using System.Security.Cryptography;

namespace ClaimsLedger.Integrity;

/// <summary>
/// Computes <see cref="EventHash"/>es one after another, reusing one SHA-256 context and one buffer: for long runs
/// (a snapshot's whole chain), where a fresh context per event costs more than the hashing itself. Not thread-safe.
/// </summary>
internal sealed class EventHasher : IDisposable
{
    private readonly IncrementalHash _sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private byte[] _buffer = new byte[4096];

    /// <summary>The same hash as <see cref="EventHash.Compute(long, string, long, string, Guid, DateTimeOffset,
    /// ReadOnlySpan{byte}, ReadOnlySpan{byte}, ReadOnlySpan{byte}, Span{byte})"/>.</summary>
    public void Compute(long sequence, string stream, long version, string type, Guid eventId, DateTimeOffset recordedAt,
        ReadOnlySpan<byte> data, ReadOnlySpan<byte> metadata, ReadOnlySpan<byte> previous, Span<byte> destination)
    {
        var max = EventHash.MaxCanonicalLength(stream, type, data, metadata);
        if (max > _buffer.Length)
        {
            _buffer = new byte[Math.Max(max, _buffer.Length * 2)];
        }

        var length = EventHash.WriteCanonicalForm(_buffer, sequence, stream, version, type, eventId, recordedAt, data,
            metadata, previous);
        _sha.AppendData(_buffer, 0, length);
        _sha.GetHashAndReset(destination);
    }

    public void Dispose() => _sha.Dispose();
}
