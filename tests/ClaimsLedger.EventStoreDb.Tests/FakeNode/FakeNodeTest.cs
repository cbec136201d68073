namespace ClaimsLedger.EventStoreDb.Tests.FakeNode;

/// <summary>A test class with a fake node of its own per test, to drive into failures without disturbing others.</summary>
public abstract class FakeNodeTest : IAsyncLifetime
{
    private FakeEventStoreNode? _node;

    internal FakeEventStoreNode Node => _node ?? throw new InvalidOperationException("the node starts before each test");

    public async Task InitializeAsync() => _node = await FakeEventStoreNode.StartAsync();

    public async Task DisposeAsync()
    {
        if (_node is not null)
        {
            await _node.DisposeAsync();
        }
    }
}
