using ClaimsLedger.Storage;

namespace ClaimsLedger.Tests.Storage;

public sealed class StreamNameTests
{
    public static TheoryData<string, string> Refused => new()
    {
        { string.Empty, "must be 1-512 characters" },
        { "$all", "reserved for system streams" },
        { "claim:a\nb", "contains a control character" },
    };

    [Fact]
    public void A_stream_name_with_a_lone_surrogate_is_refused_since_it_is_not_text()
    {
        // Not a theory: xunit would carry the names through a UTF-8 serialisation that cannot hold lone surrogates.
        foreach (var name in new[] { "claim:" + (char)0xD800 + "x", "claim:x" + (char)0xDC00, "claim:" + (char)0xDC00 + (char)0xD800 })
        {
            var error = Assert.Throws<ArgumentException>(() => new StreamName(name));

            Assert.Contains("lone surrogate", error.Message, StringComparison.Ordinal);
        }
    }

    [Theory]
    [MemberData(nameof(Refused))]
    public void A_stream_name_that_cannot_be_stored_or_hashed_is_refused(string name, string reason)
    {
        var error = Assert.Throws<ArgumentException>(() => new StreamName(name));

        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("claim:ukraine-behind-raid")]
    [InlineData("actor:\u0437\u0435\u043b\u0435\u043d\u0441\u044c\u043a\u0438\u0439")]
    [InlineData("source:emoji-\ud83d\udcf0")]
    public void A_stream_name_of_any_text_is_accepted(string name) => Assert.Equal(name, new StreamName(name).Value);
}
