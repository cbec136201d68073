using ClaimsLedger.EventStoreDb.Tests.FakeNode;

namespace ClaimsLedger.EventStoreDb.Tests.Conformance;

/// <summary>
/// One fake node for the conformance suites, started on first use and left running until the test process ends.
/// Each test gets its own stream prefix, so tests do not see each other's streams, as on a shared real server.
/// Its maximum append size is 4 MiB, as a real server must be configured for the suite's 1 MiB event.
/// </summary>
internal static class SharedFakeNode
{
    private static readonly Lazy<Task<FakeEventStoreNode>> Node = new(async () =>
    {
        var node = await FakeEventStoreNode.StartAsync();
        node.Settings.MaxAppendSize = 4 * 1024 * 1024;
        return node;
    });

    public static Task<FakeEventStoreNode> GetAsync() => Node.Value;

    public static string NewPrefix() => $"t{Guid.NewGuid():N}/";
}
