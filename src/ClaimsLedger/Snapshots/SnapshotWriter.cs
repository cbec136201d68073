using System.Buffers;
using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using ClaimsLedger.Storage;

namespace ClaimsLedger.Snapshots;

/// <summary>
/// Writes the snapshot format (docs/snapshots.md): a header, the events in blocks of about 1 MB, an end mark and a
/// SHA-256 of everything before it.
/// </summary>
/// <remarks>
/// Stream names and event types are written once, where first used, and referred to by number after that. Events
/// keep their stored payload and metadata bytes, so a snapshot decodes exactly as the log does and its reader can
/// recompute the log's hash chain over them.
/// </remarks>
internal sealed class SnapshotWriter(Stream output) : IDisposable
{
    /// <summary>Identifies the format; the version follows it.</summary>
    public static ReadOnlySpan<byte> Magic => "CLSNAP\r\n"u8;

    /// <summary>Format 2: format 1 with the index image between the header and the events.</summary>
    public const ushort Version = 2;

    private const int BlockTarget = 1 << 20;

    private readonly IncrementalHash _digest = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private readonly ArrayBufferWriter<byte> _block = new(BlockTarget + (64 << 10));
    private readonly Dictionary<string, int> _streams = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _types = new(StringComparer.Ordinal);
    private int _inBlock;

    public long Events { get; private set; }

    public void Dispose() => _digest.Dispose();

    public long Bytes { get; private set; }

    public async Task WriteHeaderAsync(SnapshotHeader header, CancellationToken cancellationToken)
    {
        var buffer = new ArrayBufferWriter<byte>(128);
        buffer.Write(Magic);
        Fixed(buffer, Version, 2);
        Fixed(buffer, header.Events, 8);
        Fixed(buffer, (long)header.Last.Commit, 8);
        Fixed(buffer, (long)header.Last.Prepare, 8);
        Fixed(buffer, header.LastSequence, 8);
        buffer.Write([checked((byte)header.LastHash.Length)]);
        buffer.Write(header.LastHash);
        await EmitAsync(buffer.WrittenMemory, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Writes the index image (empty when there is none): its length, its bytes and their SHA-256, so that a load that
    /// uses only the image checks it without reading the events after it.
    /// </summary>
    public async Task WriteImageAsync(ReadOnlyMemory<byte> image, CancellationToken cancellationToken)
    {
        var length = new byte[8];
        BinaryPrimitives.WriteInt64LittleEndian(length, image.Length);
        await EmitAsync(length, cancellationToken).ConfigureAwait(false);
        if (image.IsEmpty)
        {
            return;
        }

        await EmitAsync(image, cancellationToken).ConfigureAwait(false);
        await EmitAsync(SHA256.HashData(image.Span), cancellationToken).ConfigureAwait(false);
    }

    public async Task AddAsync(RecordedEvent recorded, CancellationToken cancellationToken)
    {
        Reference(_types, recorded.Type);
        Reference(_streams, recorded.Stream.Value);
        Varint(_block, (ulong)recorded.StreamVersion);
        Varint(_block, (ulong)recorded.Sequence);
        Fixed(_block, (long)recorded.Position.Commit, 8);
        Fixed(_block, (long)recorded.Position.Prepare, 8);
        recorded.EventId.TryWriteBytes(_block.GetSpan(16));
        _block.Advance(16);
        Fixed(_block, recorded.RecordedAt.UtcTicks, 8);
        Varint(_block, (ulong)recorded.Data.Length);
        _block.Write(recorded.Data.Span);
        Varint(_block, (ulong)recorded.Metadata.Length);
        _block.Write(recorded.Metadata.Span);
        _inBlock++;
        Events++;
        if (_block.WrittenCount >= BlockTarget)
        {
            await FlushBlockAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Writes the last block, the end mark and the digest.</summary>
    public async Task CompleteAsync(CancellationToken cancellationToken)
    {
        await FlushBlockAsync(cancellationToken).ConfigureAwait(false);
        var end = new byte[8];
        await EmitAsync(end, cancellationToken).ConfigureAwait(false);
        var digest = _digest.GetHashAndReset();
        await output.WriteAsync(digest, cancellationToken).ConfigureAwait(false);
        Bytes += digest.Length;
    }

    private async Task FlushBlockAsync(CancellationToken cancellationToken)
    {
        if (_inBlock == 0)
        {
            return;
        }

        var prefix = new byte[8];
        BinaryPrimitives.WriteInt32LittleEndian(prefix, _block.WrittenCount);
        BinaryPrimitives.WriteInt32LittleEndian(prefix.AsSpan(4), _inBlock);
        await EmitAsync(prefix, cancellationToken).ConfigureAwait(false);
        await EmitAsync(_block.WrittenMemory, cancellationToken).ConfigureAwait(false);
        _block.ResetWrittenCount();
        _inBlock = 0;
    }

    private async Task EmitAsync(ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken)
    {
        _digest.AppendData(bytes.Span);
        await output.WriteAsync(bytes, cancellationToken).ConfigureAwait(false);
        Bytes += bytes.Length;
    }

    // A number for a name seen before; a new number followed by the name the first time.
    private void Reference(Dictionary<string, int> table, string name)
    {
        if (table.TryGetValue(name, out var known))
        {
            Varint(_block, (ulong)known);
            return;
        }

        table[name] = table.Count;
        Varint(_block, (ulong)(table.Count - 1));
        var length = Encoding.UTF8.GetByteCount(name);
        Varint(_block, (ulong)length);
        _block.Advance(Encoding.UTF8.GetBytes(name, _block.GetSpan(length)));
    }

    private static void Fixed(IBufferWriter<byte> buffer, long value, int size)
    {
        var span = buffer.GetSpan(size);
        if (size == 2)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(span, (ushort)value);
        }
        else
        {
            BinaryPrimitives.WriteInt64LittleEndian(span, value);
        }

        buffer.Advance(size);
    }

    private static void Varint(IBufferWriter<byte> buffer, ulong value)
    {
        var span = buffer.GetSpan(10);
        var i = 0;
        while (value >= 0x80)
        {
            span[i++] = (byte)(value | 0x80);
            value >>= 7;
        }

        span[i++] = (byte)value;
        buffer.Advance(i);
    }
}
