using ClaimsLedger.EventStoreDb.Protocol;
using ClaimsLedger.EventStoreDb.Wire;

namespace ClaimsLedger.EventStoreDb.Tests.Wire;

/// <summary>Event ids in the structured form of the protocol sheet (section 2).</summary>
public sealed class UuidTests
{
    private static readonly Guid Example = Guid.Parse("00112233-4455-6677-8899-aabbccddeeff");

    [Fact]
    public void The_sheet_example_encodes_to_its_two_big_endian_halves()
    {
        var wire = Uuids.ToStructured(Example);

        Assert.Equal(UUID.ValueOneofCase.Structured, wire.ValueCase);
        Assert.Equal(0x0011223344556677L, wire.Structured.MostSignificantBits);
        Assert.Equal(unchecked((long)0x8899aabbccddeeffUL), wire.Structured.LeastSignificantBits);
    }

    [Fact]
    public void Structured_and_string_forms_read_back_as_the_same_id()
    {
        Assert.Equal(Example, Uuids.FromWire(Uuids.ToStructured(Example)));
        Assert.Equal(Example, Uuids.FromWire(new UUID { String = "00112233-4455-6677-8899-aabbccddeeff" }));
    }

    [Fact]
    public void Random_ids_round_trip_through_the_structured_form()
    {
        for (var i = 0; i < 100; i++)
        {
            var id = Guid.NewGuid();
            Assert.Equal(id, Uuids.FromWire(Uuids.ToStructured(id)));
        }
    }

    [Fact]
    public void A_missing_id_is_a_format_error() =>
        Assert.Throws<FormatException>(() => Uuids.FromWire(new UUID()));
}
