using System.Text;
using ClaimsLedger.Integrity;

namespace ClaimsLedger.Tests.Integrity;

/// <summary>The canonical form and hash of docs/integrity.md; the expected values were computed by a separate Python script.</summary>
public sealed class EventHashTests
{
    private static readonly DateTimeOffset Noon = new(2023, 5, 26, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void The_first_event_hashes_as_the_documented_canonical_form_says()
    {
        var hash = EventHash.Compute(1, "claim:ukraine-behind-raid", 0, "claim-registered.v1",
            Guid.Parse("0f8fad5b-d9cb-469f-a165-70867728950e"), Noon,
            Encoding.UTF8.GetBytes("""{"id":"ukraine-behind-raid","text":"Ukraine — “directed” it"}"""), "{}"u8,
            EventHash.Genesis.Span);

        Assert.Equal("93b73852e0cdacde8b323d1e85ac2bb7ca8849e66d9cb7e354bfffafb03d146a", EventHash.ToHex(hash));
    }

    [Fact]
    public void A_later_event_chains_on_the_hash_before_it()
    {
        var first = EventHash.FromHex("93b73852e0cdacde8b323d1e85ac2bb7ca8849e66d9cb7e354bfffafb03d146a");

        var hash = EventHash.Compute(2, "actor:kirby", 3, "actor-registered.v1", Guid.Parse("00112233-4455-6677-8899-aabbccddeeff"),
            new DateTimeOffset(2023, 5, 27, 9, 0, 0, TimeSpan.Zero).AddTicks(1234567), "{}"u8, [], first);

        Assert.Equal("630cc46cf46457d8af126681ee4a0facd794c3fce65376817c94c5d1a4df30c7", EventHash.ToHex(hash));
    }

    [Fact]
    public void The_canonical_form_spells_out_every_field()
    {
        var form = Encoding.UTF8.GetString(EventHash.CanonicalForm(7, "claim:x", 2, "t.v1", Guid.Empty, Noon, "ab"u8, [],
            EventHash.Genesis.Span));

        Assert.Equal(
            "claims-ledger-event-v1\nsequence:7\nstream:7:claim:x\nversion:2\ntype:4:t.v1\nid:00000000-0000-0000-0000-000000000000\n" +
            "recorded:2023-05-26T12:00:00.0000000Z\ndata:2:ab\nmetadata:0:\nprevious:" + new string('0', 64) + "\n", form);
    }

    [Fact]
    public void Changing_any_field_changes_the_hash()
    {
        byte[] Hash(long sequence = 1, string stream = "s", long version = 0, string type = "t", string data = "d",
            string metadata = "m", long ticks = 0) =>
            EventHash.Compute(sequence, stream, version, type, Guid.Empty, Noon.AddTicks(ticks), Encoding.UTF8.GetBytes(data),
                Encoding.UTF8.GetBytes(metadata), EventHash.Genesis.Span);

        var all = new[] { Hash(), Hash(sequence: 2), Hash(stream: "t"), Hash(version: 1), Hash(type: "u"), Hash(data: "e"),
            Hash(metadata: "n"), Hash(ticks: 1) }.Select(h => EventHash.ToHex(h)).ToList();

        Assert.Equal(all.Count, all.Distinct().Count());
    }

    [Theory]
    [InlineData("")]
    [InlineData("abc")]
    [InlineData("zz3b73852e0cdacde8b323d1e85ac2bb7ca8849e66d9cb7e354bfffafb03d146a")]
    public void A_malformed_hash_is_refused(string hex)
    {
        Assert.Throws<FormatException>(() => EventHash.FromHex(hex));
    }
}
