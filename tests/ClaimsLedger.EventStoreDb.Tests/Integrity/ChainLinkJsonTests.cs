using System.Text;
using ClaimsLedger.EventStoreDb.Chain;
using ClaimsLedger.Storage;

namespace ClaimsLedger.EventStoreDb.Tests.Integrity;

/// <summary>The chain link's JSON: what is written reads back exactly; what breaks a link's rules is not a link.</summary>
public sealed class ChainLinkJsonTests
{
    [Fact]
    public void A_link_reads_back_exactly_as_it_was_written()
    {
        var link = new ChainLink(7, new byte[32], [
            new ChainEntry(new GlobalPosition(18_446_744_073_709_551_000, 18_446_744_073_709_551_001), Guid.NewGuid(),
                new DateTimeOffset(2023, 5, 26, 12, 0, 0, TimeSpan.Zero).AddTicks(1234567), Enumerable.Repeat((byte)0xAB, 32).ToArray()),
        ]);

        var read = ChainLinkJson.TryRead(ChainLinkJson.Type, ChainLinkJson.Write(link))!;

        Assert.Equal((link.First, link.Entries.Count), (read.First, read.Entries.Count));
        Assert.Equal(link.Previous, read.Previous);
        Assert.Equal(link.Entries[0] with { Hash = [] }, read.Entries[0] with { Hash = [] });
        Assert.Equal(link.Entries[0].Hash, read.Entries[0].Hash);
        Assert.Contains("\"position\":\"18446744073709551000/18446744073709551001\"", Encoding.UTF8.GetString(ChainLinkJson.Write(link)),
            StringComparison.Ordinal);
    }

    public static TheoryData<string, string> NotLinks => new()
    {
        { "positions not increasing", Json("\"1/1\"", "\"1/1\"") },
        { "a short hash", Json("\"1/1\"", "\"2/2\"").Replace("\"hash\":\"" + new string('a', 64), "\"hash\":\"aa", StringComparison.Ordinal) },
        { "no events", "{\"first\":1,\"previous\":\"" + new string('0', 64) + "\",\"events\":[]}" },
        { "not JSON", "first=1" },
    };

    [Theory]
    [MemberData(nameof(NotLinks))]
    public void An_event_that_breaks_the_rules_of_a_link_is_not_one(string why, string json)
    {
        Assert.NotNull(ChainLinkJson.TryRead(ChainLinkJson.Type, Encoding.UTF8.GetBytes(Json("\"1/1\"", "\"2/2\""))));

        Assert.True(ChainLinkJson.TryRead(ChainLinkJson.Type, Encoding.UTF8.GetBytes(json)) is null, why);
        Assert.Null(ChainLinkJson.TryRead("other-type.v1", Encoding.UTF8.GetBytes(Json("\"1/1\"", "\"2/2\""))));
    }

    // A link of two events at the given positions.
    private static string Json(string first, string second) =>
        "{\"first\":1,\"previous\":\"" + new string('0', 64) + "\",\"events\":[" +
        string.Join(',', new[] { first, second }.Select(p => "{\"position\":" + p + ",\"id\":\"" + Guid.Empty +
                                                             "\",\"recordedAt\":\"2023-05-26T12:00:00.0000000Z\",\"hash\":\"" +
                                                             new string('a', 64) + "\"}")) + "]}";
}
