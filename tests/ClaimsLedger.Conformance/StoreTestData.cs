using System.Text;
using ClaimsLedger.Storage;

namespace ClaimsLedger.Conformance;

/// <summary>Builders for raw store events used by the contract tests (the payloads are opaque JSON).</summary>
public static class StoreTestData
{
    /// <summary>A stream name unique to one test, under the ledger's claim prefix.</summary>
    public static StreamName NewStream(string hint) => new($"claim:{hint}-{Guid.NewGuid():N}");

    /// <summary>An event whose payload is <c>{"n": number}</c>.</summary>
    public static EventData Event(int number, string type = "test-happened.v1") =>
        new(Guid.NewGuid(), type, Encoding.UTF8.GetBytes($"{{\"n\":{number}}}"), Encoding.UTF8.GetBytes("{}"));

    /// <summary><paramref name="count"/> events numbered from <paramref name="first"/>.</summary>
    public static EventData[] Batch(int count, int first = 0) =>
        [.. Enumerable.Range(first, count).Select(n => Event(n))];

    /// <summary>The <c>n</c> of a payload written by <see cref="Event"/>.</summary>
    public static int Number(RecordedEvent e)
    {
        var text = Encoding.UTF8.GetString(e.Data.Span);
        return int.Parse(text[5..^1], System.Globalization.CultureInfo.InvariantCulture);
    }
}
