using System.Text;
using ClaimsLedger.EventStoreDb.Chain;
using ClaimsLedger.EventStoreDb.Tests.FakeNode;
using ClaimsLedger.EventStoreDb.Wire;
using ClaimsLedger.Storage;

namespace ClaimsLedger.EventStoreDb.Tests.Integrity;

/// <summary>
/// The chain stream and the ledger as they are on a fake node (stores opened without a prefix), and writes that go
/// straight to the node's log, past the store: a writer that stopped before sealing, a link forged by hand.
/// </summary>
internal static class ChainOnNode
{
    public const string Stream = "ledger-chain";

    /// <summary>Every event of the chain stream, as a link (null for an event that is not one).</summary>
    public static List<ChainLink?> Links(FakeEventStoreNode node) =>
        [.. (node.Log.Stream(Stream) ?? []).Select(r => ChainLinkJson.TryRead(r.Type, r.Data))];

    /// <summary>The payload sizes of the chain stream's events, in bytes.</summary>
    public static List<int> LinkSizes(FakeEventStoreNode node) => [.. (node.Log.Stream(Stream) ?? []).Select(r => r.Data.Length)];

    public static void WriteLink(FakeEventStoreNode node, ChainLink link) =>
        node.Log.Inject(Stream, ChainLinkJson.Type, ChainLinkJson.Write(link), [], Guid.NewGuid());

    /// <summary>
    /// Writes a ledger event as the store's writer does (stamp, newest ledger event seen) but without sealing it, as a
    /// writer that stopped between its append and its seal leaves it. <paramref name="head"/> is the newest ledger event
    /// its writer saw (default: the newest in the log). Returns its position.
    /// </summary>
    public static GlobalPosition WriteUnsealed(FakeEventStoreNode node, StreamName stream, int number, DateTimeOffset stamp,
        GlobalPosition? head = null)
    {
        var newest = node.Log.All().LastOrDefault(r => r.Stream.StartsWith("claim:", StringComparison.Ordinal));
        head ??= newest is null ? null : new GlobalPosition(newest.Commit, newest.Prepare);
        node.Log.Inject(stream.Value, "test-happened.v1", Encoding.UTF8.GetBytes($"{{\"n\":{number}}}"),
            Envelope.Write(stamp, head, "{}"u8.ToArray()), Guid.NewGuid());
        var written = node.Log.All()[^1];
        return new GlobalPosition(written.Commit, written.Prepare);
    }
}
