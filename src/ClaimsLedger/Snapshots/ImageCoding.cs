using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;
using ClaimsLedger.Events;
using ClaimsLedger.Serialization;

namespace ClaimsLedger.Snapshots;

/// <summary>Writes the primitives of an index image (docs/snapshots.md, format 2): little-endian, lengths first.</summary>
internal sealed class ImageWriter(Stream output)
{
    private readonly BinaryWriter _writer = new(output, Encoding.UTF8, leaveOpen: true);

    public void Int(int value) => _writer.Write(value);

    public void Long(long value) => _writer.Write(value);

    public void Byte(byte value) => _writer.Write(value);

    public void Bool(bool value) => _writer.Write(value);

    public void Text(string value)
    {
        var bytes = Encoding.UTF8.GetBytes(value);
        Int(bytes.Length);
        _writer.Write(bytes);
    }

    /// <summary>Values without references, as their bytes (count first).</summary>
    public void Values<T>(ReadOnlySpan<T> values)
        where T : unmanaged
    {
        Int(values.Length);
        _writer.Write(MemoryMarshal.AsBytes(values));
    }

    /// <summary>An event as the log stores it: its type name and its JSON payload.</summary>
    public void Event(LedgerEvent @event)
    {
        Text(EventTypeNames.Of(@event));
        var payload = EventSerializer.Serialize(@event);
        Int(payload.Length);
        _writer.Write(payload);
    }

    public void Flush() => _writer.Flush();
}

/// <summary>
/// Reads what <see cref="ImageWriter"/> wrote, checking every length against what is left, so damaged bytes end in a
/// <see cref="SnapshotFormatException"/> naming the part, never in an oversized allocation or a read past the end.
/// </summary>
internal ref struct ImageReader(ReadOnlySpan<byte> bytes)
{
    private readonly ReadOnlySpan<byte> _bytes = bytes;
    private int _at;

    /// <summary>What is being read, for the error message.</summary>
    public string Part { get; set; } = "image";

    public readonly bool AtEnd => _at == _bytes.Length;

    public int Int() => BinaryPrimitives.ReadInt32LittleEndian(Take(4));

    public long Long() => BinaryPrimitives.ReadInt64LittleEndian(Take(8));

    public byte Byte() => Take(1)[0];

    public bool Bool() => Byte() switch
    {
        0 => false,
        1 => true,
        var other => throw Damaged($"a flag of value {other}"),
    };

    /// <summary>A count of items of at least <paramref name="itemSize"/> bytes each, checked against what is left.</summary>
    public int Count(int itemSize = 1)
    {
        var count = Int();
        if (count < 0 || (long)count * itemSize > _bytes.Length - _at)
        {
            throw Damaged($"a count of {count}");
        }

        return count;
    }

    public string Text() => Encoding.UTF8.GetString(Take(Count()));

    public T[] Values<T>()
        where T : unmanaged
    {
        var count = Count(Unsafe.SizeOf<T>());
        var values = new T[count];
        Take(count * Unsafe.SizeOf<T>()).CopyTo(MemoryMarshal.AsBytes(values.AsSpan()));
        return values;
    }

    public TEvent Event<TEvent>()
        where TEvent : LedgerEvent
    {
        var type = Text();
        var payload = Take(Count());
        LedgerEvent @event;
        try
        {
            @event = EventSerializer.Deserialize(type, payload);
        }
        catch (LedgerFormatException e)
        {
            throw Damaged($"an event that does not decode ({e.Message})");
        }

        return @event as TEvent ?? throw Damaged($"a {type} event where a {typeof(TEvent).Name} belongs");
    }

    public ReadOnlySpan<byte> Take(int length)
    {
        if (length < 0 || length > _bytes.Length - _at)
        {
            throw Damaged($"{length} bytes where {_bytes.Length - _at} are left");
        }

        var slice = _bytes.Slice(_at, length);
        _at += length;
        return slice;
    }

    public readonly SnapshotFormatException Damaged(string what) =>
        new($"snapshot index image is damaged: {Part} holds {what} (at byte {_at})");
}
