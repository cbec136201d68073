using System.Text;
using ClaimsLedger.Serialization;
using CsCheck;

namespace ClaimsLedger.Tests.Serialization;

public sealed class Utf8SaidAtTests
{
    [Fact]
    public void Every_saidAt_the_encoder_writes_without_fractions_is_parsed_from_bytes_to_the_same_value()
    {
        EventGen.Said.Sample(said =>
        {
            var text = said.ToString();

            var parsed = Utf8SaidAt.TryParse(Encoding.ASCII.GetBytes(text), out var value);

            Assert.Equal(!text.Contains('.', StringComparison.Ordinal), parsed);
            if (parsed)
            {
                Assert.Equal(said, value);
                Assert.Equal(text, value.ToString());
                Assert.Equal(TimeSpan.Zero, value.Start.Offset);
                Assert.Equal(TimeSpan.Zero, value.End.Offset);
            }
        }, iter: 20_000);
    }

    [Fact]
    public void A_text_parsed_from_bytes_is_one_the_text_parser_accepts_with_the_same_value()
    {
        // Texts of the canonical shapes with any digits, some other characters, and the offsets and fractions the
        // byte parser leaves to the text parser.
        var digit = Gen.Frequency((12, Gen.Char['0', '9']), (1, Gen.Char["a-/:TZ +٣"]));
        var shapes = Gen.OneOf<string>("dddd", "dddd-dd", "dddd-dd-dd", "dddd-dd-dd/dddd-dd-dd", "dddd-dd-ddTdd:ddZ",
            "dddd-dd-ddTdd:dd:ddZ", "dddd-dd-ddTdd:dd+03:00", "dddd-dd-ddTdd:dd:dd.dZ", "dddd-dd-ddTdd:dd:ddz");
        Gen.Select(shapes, digit.Array[24]).Sample((shape, digits) =>
        {
            var i = 0;
            var text = string.Concat(shape.Select(c => c == 'd' ? digits[i++] : c));

            var parsed = Utf8SaidAt.TryParse(Encoding.UTF8.GetBytes(text), out var value);

            if (parsed)
            {
                Assert.True(SaidAt.TryParse(text, out var expected, out _), text);
                Assert.Equal(expected, value);
                Assert.Equal(expected.ToString(), value.ToString());
            }
        }, iter: 50_000);
    }

    [Theory]
    [InlineData("2023", true)]
    [InlineData("0001", true)]
    [InlineData("9998", true)]
    [InlineData("9999", false)]
    [InlineData("0000", false)]
    [InlineData("9998-12", true)]
    [InlineData("9999-01", false)]
    [InlineData("2023-13", false)]
    [InlineData("2024-02-29", true)]
    [InlineData("2023-02-29", false)]
    [InlineData("2023-05-26/2023-05-22", false)]
    [InlineData("2023-05-22T23:59:59Z", true)]
    [InlineData("2023-05-22T24:00Z", false)]
    [InlineData("2023-05-22T14:30:00.5Z", false)]
    [InlineData("2023-05-22T17:30+03:00", false)]
    public void The_byte_parser_takes_canonical_texts_and_leaves_the_rest_to_the_text_parser(string text, bool taken)
    {
        Assert.Equal(taken, Utf8SaidAt.TryParse(Encoding.ASCII.GetBytes(text), out _));
    }
}
