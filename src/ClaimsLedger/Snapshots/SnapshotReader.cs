using System.Buffers;
using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using ClaimsLedger.Integrity;
using ClaimsLedger.Storage;

namespace ClaimsLedger.Snapshots;

/// <summary>
/// Reads what <see cref="SnapshotWriter"/> wrote, one block at a time. Every length and count is checked against
/// what is left, so damaged bytes end in a <see cref="SnapshotFormatException"/>; the digest at the end is compared
/// once the last block is read.
/// </summary>
/// <remarks>
/// <para>The reader also recomputes the log's hash chain (docs/integrity.md) over every event it reads, and at the end
/// requires the header's hash: the hash the log holds at the snapshot's last position. A snapshot whose events
/// differ from the log's in any hashed byte (payload, metadata, stream, version, type, id, recordedAt, order) is
/// rejected, even one rewritten with a fresh digest.</para>
/// <para>Event payloads are slices of the block they came in, not copies: decode them before the block is
/// returned.</para>
/// </remarks>
internal sealed class SnapshotReader(Stream input, bool verifyChain = true) : IDisposable
{
    // A block's size is bounded so that a damaged length cannot make the reader allocate without limit.
    private const int MaxBlock = 256 << 20;

    private readonly IncrementalHash _digest = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private readonly List<StreamName> _streams = [];
    private readonly List<string> _types = [];
    private SnapshotHeader? _header;
    private ushort _version;
    private bool _imageRead;
    private long _read;
    private readonly EventHasher? _hasher = verifyChain ? new EventHasher() : null;

    // The chain so far, and the buffer the next hash is written to (swapped, so nothing is allocated per event).
    private byte[] _chain = EventHash.Genesis.ToArray();
    private byte[] _next = new byte[EventHash.Length];

    public void Dispose()
    {
        _digest.Dispose();
        _hasher?.Dispose();
    }

    public async Task<SnapshotHeader> ReadHeaderAsync(CancellationToken cancellationToken)
    {
        var fixedPart = await ReadExactlyAsync(SnapshotWriter.Magic.Length + 2 + 8 * 4 + 1, "header", cancellationToken)
            .ConfigureAwait(false);
        if (!fixedPart.AsSpan(0, SnapshotWriter.Magic.Length).SequenceEqual(SnapshotWriter.Magic))
        {
            throw new SnapshotFormatException("not a ClaimsLedger snapshot (its first bytes are not the snapshot mark)");
        }

        var span = fixedPart.AsSpan(SnapshotWriter.Magic.Length);
        var version = BinaryPrimitives.ReadUInt16LittleEndian(span);
        if (version is not (1 or SnapshotWriter.Version))
        {
            throw new SnapshotFormatException(
                $"snapshot format {version} is not format 1 or {SnapshotWriter.Version}, the ones this version reads");
        }

        _version = version;

        var events = BinaryPrimitives.ReadInt64LittleEndian(span[2..]);
        var commit = (ulong)BinaryPrimitives.ReadInt64LittleEndian(span[10..]);
        var prepare = (ulong)BinaryPrimitives.ReadInt64LittleEndian(span[18..]);
        var sequence = BinaryPrimitives.ReadInt64LittleEndian(span[26..]);
        var hashLength = span[34];
        if (events <= 0 || hashLength is 0 or > 64)
        {
            throw new SnapshotFormatException($"snapshot header is damaged ({events} events, hash of {hashLength} bytes)");
        }

        var hash = await ReadExactlyAsync(hashLength, "header", cancellationToken).ConfigureAwait(false);
        return _header = new SnapshotHeader(events, new GlobalPosition(commit, prepare), sequence, hash);
    }

    /// <summary>
    /// Reads the index image that follows the header of a format 2 snapshot, its SHA-256 checked; null for a format 1
    /// snapshot or one saved without an image. With <paramref name="keep"/> false, reads past it (the events follow).
    /// </summary>
    public async Task<byte[]?> ReadImageAsync(bool keep, CancellationToken cancellationToken)
    {
        if (_header is null || _imageRead)
        {
            throw new InvalidOperationException("read the header first, and the image once");
        }

        _imageRead = true;
        if (_version < 2)
        {
            return null;
        }

        var length = BinaryPrimitives.ReadInt64LittleEndian(await ReadExactlyAsync(8, "image", cancellationToken)
            .ConfigureAwait(false));
        if (length < 0 || length > Array.MaxLength)
        {
            throw new SnapshotFormatException($"snapshot index image is damaged: its length is {length} bytes");
        }

        if (length == 0)
        {
            return null;
        }

        // The length is outside the image's digest: a damaged one must not allocate what the stream does not hold.
        if (keep && input.CanSeek && length > input.Length - input.Position)
        {
            throw new SnapshotFormatException(
                $"snapshot index image is damaged: its length is {length} bytes, and {input.Length - input.Position} follow");
        }

        if (keep && !input.CanSeek)
        {
            return await ReadGrowingAsync(length, cancellationToken).ConfigureAwait(false);
        }

        byte[]? image = keep ? new byte[length] : null;
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var chunk = keep ? null : ArrayPool<byte>.Shared.Rent(1 << 20);
        try
        {
            for (long at = 0; at < length;)
            {
                var part = keep
                    ? image.AsMemory((int)at, (int)Math.Min(1 << 24, length - at))
                    : chunk.AsMemory(0, (int)Math.Min(chunk!.Length, length - at));
                await ReadExactlyAsync(part, "image", cancellationToken).ConfigureAwait(false);
                hash.AppendData(part.Span);
                at += part.Length;
            }
        }
        finally
        {
            if (chunk is not null)
            {
                ArrayPool<byte>.Shared.Return(chunk);
            }
        }

        var expected = await ReadExactlyAsync(32, "image", cancellationToken).ConfigureAwait(false);
        if (!CryptographicOperations.FixedTimeEquals(hash.GetHashAndReset(), expected))
        {
            throw new SnapshotFormatException("snapshot index image does not match its digest: the file is damaged");
        }

        return image;
    }

    /// <summary>
    /// Reads an image of <paramref name="length"/> bytes from a stream of unknown length, growing the buffer as the
    /// bytes arrive, so that a damaged length fails as a cut-short file before it allocates much more than the file.
    /// </summary>
    private async Task<byte[]> ReadGrowingAsync(long length, CancellationToken cancellationToken)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var image = new byte[(int)Math.Min(length, 16 << 20)];
        for (var at = 0; at < length;)
        {
            if (at == image.Length)
            {
                Array.Resize(ref image, (int)Math.Min(length, 2L * image.Length));
            }

            var part = image.AsMemory(at, image.Length - at);
            await ReadExactlyAsync(part, "image", cancellationToken).ConfigureAwait(false);
            hash.AppendData(part.Span);
            at += part.Length;
        }

        var expected = await ReadExactlyAsync(32, "image", cancellationToken).ConfigureAwait(false);
        if (!CryptographicOperations.FixedTimeEquals(hash.GetHashAndReset(), expected))
        {
            throw new SnapshotFormatException("snapshot index image does not match its digest: the file is damaged");
        }

        return image;
    }

    /// <summary>
    /// Reads the next block's events into <paramref name="into"/>; null after the last block, once the count and the
    /// digest are checked. The payloads are slices of the returned buffer, rented from the shared array pool: return
    /// it when they are no longer needed.
    /// </summary>
    public async Task<byte[]?> ReadBlockAsync(List<RecordedEvent> into, CancellationToken cancellationToken)
    {
        var header = _header ?? throw new InvalidOperationException("read the header first");
        if (!_imageRead)
        {
            await ReadImageAsync(keep: false, cancellationToken).ConfigureAwait(false);
        }

        var prefix = await ReadExactlyAsync(8, "block", cancellationToken).ConfigureAwait(false);
        var size = BinaryPrimitives.ReadInt32LittleEndian(prefix);
        var count = BinaryPrimitives.ReadInt32LittleEndian(prefix.AsSpan(4));
        if (size == 0 && count == 0)
        {
            await CheckEndAsync(header, cancellationToken).ConfigureAwait(false);
            return null;
        }

        if (size is <= 0 or > MaxBlock || count <= 0 || count > size || _read + count > header.Events)
        {
            throw new SnapshotFormatException($"snapshot block after event {_read} is damaged ({count} events in {size} bytes)");
        }

        // Rented: a fresh 1 MB array per block would land on the large object heap and bring on full collections.
        var block = ArrayPool<byte>.Shared.Rent(size);
        try
        {
            await ReadExactlyAsync(block.AsMemory(0, size), "block", cancellationToken).ConfigureAwait(false);
            var at = 0;
            for (var i = 0; i < count; i++)
            {
                into.Add(ReadEvent(block, size, i, ref at));
            }

            if (at != size)
            {
                throw new SnapshotFormatException($"snapshot block after event {_read} has {size - at} bytes left over");
            }
        }
        catch
        {
            ArrayPool<byte>.Shared.Return(block);
            throw;
        }

        _read += count;
        return block;
    }

    private RecordedEvent ReadEvent(byte[] block, int end, int index, ref int at)
    {
        var type = Name(_types, block, end, ref at, static name => name);
        var stream = Name(_streams, block, end, ref at, static name => new StreamName(name));
        var version = (long)Varint(block, end, ref at);
        var sequence = (long)Varint(block, end, ref at);
        var fixedPart = Slice(block, end, ref at, 8 + 8 + 16 + 8);
        var commit = (ulong)BinaryPrimitives.ReadInt64LittleEndian(fixedPart);
        var prepare = (ulong)BinaryPrimitives.ReadInt64LittleEndian(fixedPart[8..]);
        var eventId = new Guid(fixedPart.Slice(16, 16));
        var ticks = BinaryPrimitives.ReadInt64LittleEndian(fixedPart[32..]);
        if (ticks < DateTimeOffset.MinValue.UtcTicks || ticks > DateTimeOffset.MaxValue.UtcTicks)
        {
            throw Damaged("recordedAt");
        }

        var length = Length(block, end, ref at, "payload length");

        var data = new ReadOnlyMemory<byte>(block, at, length);
        at += length;
        var metadataLength = Length(block, end, ref at, "metadata length");
        var metadata = new ReadOnlyMemory<byte>(block, at, metadataLength);
        at += metadataLength;
        var recordedAt = new DateTimeOffset(ticks, TimeSpan.Zero);
        var number = _read + index + 1;
        if (sequence != number)
        {
            throw new SnapshotFormatException($"snapshot event {number} says it is event {sequence} of the log");
        }

        if (_hasher is not null)
        {
            _hasher.Compute(number, stream.Value, version, type, eventId, recordedAt, data.Span, metadata.Span, _chain, _next);
            (_chain, _next) = (_next, _chain);
        }

        return new RecordedEvent(stream, version, new GlobalPosition(commit, prepare), eventId, type, data, metadata,
            recordedAt)
        {
            Sequence = sequence,
        };
    }

    private T Name<T>(List<T> table, byte[] block, int end, ref int at, Func<string, T> create)
    {
        var number = Varint(block, end, ref at);
        if (number < (ulong)table.Count)
        {
            return table[(int)number];
        }

        if (number != (ulong)table.Count)
        {
            throw Damaged("name number");
        }

        var length = Length(block, end, ref at, "name length");
        if (length > StreamName.MaxLength * 4)
        {
            throw Damaged("name length");
        }

        T name;
        try
        {
            name = create(Encoding.UTF8.GetString(block, at, length));
        }
        catch (ArgumentException)
        {
            throw Damaged("name");
        }

        at += length;
        table.Add(name);
        return name;
    }

    /// <summary>A length that must fit in what is left of the block.</summary>
    private int Length(byte[] block, int end, ref int at, string field)
    {
        var length = Varint(block, end, ref at);
        return length <= (ulong)(end - at) ? (int)length : throw Damaged(field);
    }

    private ReadOnlySpan<byte> Slice(byte[] block, int end, ref int at, int length)
    {
        if (length > end - at)
        {
            throw Damaged("event");
        }

        var slice = block.AsSpan(at, length);
        at += length;
        return slice;
    }

    private ulong Varint(byte[] block, int end, ref int at)
    {
        ulong value = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            if (at >= end)
            {
                break;
            }

            var b = block[at++];
            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                return value;
            }
        }

        throw Damaged("number");
    }

    private async Task CheckEndAsync(SnapshotHeader header, CancellationToken cancellationToken)
    {
        var expected = _digest.GetHashAndReset();
        var digest = new byte[expected.Length];
        try
        {
            await input.ReadExactlyAsync(digest, cancellationToken).ConfigureAwait(false);
        }
        catch (EndOfStreamException)
        {
            throw new SnapshotFormatException("snapshot ends inside its digest: the file is cut short");
        }
        if (_read != header.Events)
        {
            throw new SnapshotFormatException($"snapshot ends after {_read} events; its header says {header.Events}");
        }

        if (!CryptographicOperations.FixedTimeEquals(expected, digest))
        {
            throw new SnapshotFormatException("snapshot digest does not match its bytes: the file is damaged");
        }

        if (verifyChain && !_chain.AsSpan().SequenceEqual(header.LastHash))
        {
            throw new SnapshotFormatException(
                $"snapshot events hash to {EventHash.ToHex(_chain)}, not to the log's {EventHash.ToHex(header.LastHash)} " +
                $"at position {header.Last}: the snapshot's events are not the log's");
        }

        if (await input.ReadAsync(new byte[1], cancellationToken).ConfigureAwait(false) != 0)
        {
            throw new SnapshotFormatException("snapshot has bytes after its digest");
        }
    }

    private async Task<byte[]> ReadExactlyAsync(int length, string what, CancellationToken cancellationToken)
    {
        var bytes = new byte[length];
        await ReadExactlyAsync(bytes, what, cancellationToken).ConfigureAwait(false);
        return bytes;
    }

    private async Task ReadExactlyAsync(Memory<byte> bytes, string what, CancellationToken cancellationToken)
    {
        try
        {
            await input.ReadExactlyAsync(bytes, cancellationToken).ConfigureAwait(false);
        }
        catch (EndOfStreamException)
        {
            throw new SnapshotFormatException($"snapshot ends inside its {what} after event {_read}: the file is cut short");
        }

        _digest.AppendData(bytes.Span);
    }

    private SnapshotFormatException Damaged(string field) =>
        new($"snapshot block after event {_read} has a damaged {field}");
}
