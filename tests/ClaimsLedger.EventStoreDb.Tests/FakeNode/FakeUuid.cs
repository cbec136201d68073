using System.Buffers.Binary;
using ClaimsLedger.EventStoreDb.Protocol;

namespace ClaimsLedger.EventStoreDb.Tests.FakeNode;

/// <summary>The server side of the sheet's UUID encoding: accepts both forms, answers in the form asked for.</summary>
internal static class FakeUuid
{
    public static Guid FromWire(UUID id)
    {
        if (id.ValueCase == UUID.ValueOneofCase.String)
        {
            return Guid.Parse(id.String);
        }

        var bytes = new byte[16];
        BinaryPrimitives.WriteInt64BigEndian(bytes, id.Structured.MostSignificantBits);
        BinaryPrimitives.WriteInt64BigEndian(bytes.AsSpan(8), id.Structured.LeastSignificantBits);
        return new Guid(bytes, bigEndian: true);
    }

    public static UUID ToWire(Guid id, bool structured)
    {
        if (!structured)
        {
            return new UUID { String = id.ToString("D") };
        }

        var bytes = id.ToByteArray(bigEndian: true);
        return new UUID
        {
            Structured = new UUID.Types.Structured
            {
                MostSignificantBits = BinaryPrimitives.ReadInt64BigEndian(bytes),
                LeastSignificantBits = BinaryPrimitives.ReadInt64BigEndian(bytes.AsSpan(8)),
            },
        };
    }
}
