using System.Text;
using ClaimsLedger.Serialization;
using CsCheck;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace ClaimsLedger.Tests.Serialization;

public sealed class CompactJsonTests
{
    private static readonly Gen<string> Texts = Gen.Frequency((4, EventGen.Text), (1, Gen.String));

    [Fact]
    public void A_string_as_Newtonsoft_writes_it_reads_back_as_Newtonsoft_reads_it()
    {
        Texts.Sample(text =>
        {
            var token = Encoding.UTF8.GetBytes(JsonConvert.ToString(text));
            var json = new CompactJson(token);

            Assert.True(json.TryText(out var read));
            Assert.True(json.AtEnd);
            Assert.Equal(NewtonsoftString(token), read);
        }, iter: 20_000);
    }

    [Fact]
    public void Any_bytes_between_quotation_marks_read_as_Newtonsoft_reads_them_or_not_at_all()
    {
        var bytes = Gen.Frequency(
            (3, Gen.Byte[0x20, 0x7e]),
            (1, Gen.OneOf<byte>((byte)'"', (byte)'\\', (byte)'u', (byte)'n', (byte)'0', (byte)'d', (byte)'8')),
            (1, Gen.Byte));
        bytes.Array[0, 12].Sample(content =>
        {
            byte[] token = [(byte)'"', .. content, (byte)'"'];
            var json = new CompactJson(token);

            string? read;
            try
            {
                read = json.TryText(out var text) && json.AtEnd ? text : null;
            }
            catch (Exception e) when (e is System.Text.Json.JsonException or InvalidOperationException)
            {
                read = null;
            }

            if (read is not null)
            {
                Assert.Equal(NewtonsoftString(token), read);
            }
        }, iter: 50_000);
    }

    [Theory]
    [InlineData("\"plain\"", "Ascii")]
    [InlineData("\"caf\u00e9\"", "Utf8")]
    [InlineData("\"a\\\"b\"", "Escaped")]
    [InlineData("\"\u00e9\\n\"", "Escaped")]
    public void A_string_is_classified_by_what_it_needs_to_become_text(string token, string kind)
    {
        var json = new CompactJson(Encoding.UTF8.GetBytes(token));

        Assert.True(json.TryString(out _, out var read));
        Assert.Equal(kind, read.ToString());
    }

    [Theory]
    [InlineData("\"a\u0001b\"")]
    [InlineData("\"unterminated")]
    [InlineData("\"ends in an escape\\\"")]
    [InlineData("'single'")]
    [InlineData(" \"space\"")]
    public void What_the_encoder_never_writes_is_not_a_string(string token)
    {
        var json = new CompactJson(Encoding.UTF8.GetBytes(token));

        Assert.False(json.TryString(out _, out _));
    }

    private static string? NewtonsoftString(byte[] token)
    {
        try
        {
            using var reader = new JsonTextReader(new StringReader(Encoding.UTF8.GetString(token)));
            return JToken.ReadFrom(reader).Value<string>();
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
