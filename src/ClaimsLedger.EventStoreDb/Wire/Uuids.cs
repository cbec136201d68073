using System.Buffers.Binary;
using ClaimsLedger.EventStoreDb.Protocol;

namespace ClaimsLedger.EventStoreDb.Wire;

/// <summary>
/// Event ids on the wire. Structured form: the GUID's RFC 4122 bytes ("as printed", big-endian), bytes 0-7 as a
/// big-endian int64 (most significant bits) and bytes 8-15 likewise. Never <see cref="Guid.ToByteArray()"/>, which is
/// mixed-endian.
/// </summary>
internal static class Uuids
{
    public static UUID ToStructured(Guid id)
    {
        Span<byte> bytes = stackalloc byte[16];
        id.TryWriteBytes(bytes, bigEndian: true, out _);
        return new UUID
        {
            Structured = new UUID.Types.Structured
            {
                MostSignificantBits = BinaryPrimitives.ReadInt64BigEndian(bytes),
                LeastSignificantBits = BinaryPrimitives.ReadInt64BigEndian(bytes[8..]),
            },
        };
    }

    /// <exception cref="FormatException">The id is missing or not a GUID.</exception>
    public static Guid FromWire(UUID? id)
    {
        switch (id?.ValueCase)
        {
            case UUID.ValueOneofCase.Structured:
                Span<byte> bytes = stackalloc byte[16];
                BinaryPrimitives.WriteInt64BigEndian(bytes, id.Structured.MostSignificantBits);
                BinaryPrimitives.WriteInt64BigEndian(bytes[8..], id.Structured.LeastSignificantBits);
                return new Guid(bytes, bigEndian: true);
            case UUID.ValueOneofCase.String:
                return Guid.Parse(id.String);
            default:
                throw new FormatException("the event has no id");
        }
    }
}
