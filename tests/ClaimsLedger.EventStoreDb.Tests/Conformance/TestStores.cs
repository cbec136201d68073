using ClaimsLedger.Storage;

namespace ClaimsLedger.EventStoreDb.Tests.Conformance;

/// <summary>Opens the store the suites run on: a node, one test's stream prefix, the test's clock.</summary>
internal static class TestStores
{
    public static async Task<IEventStore> OpenAsync(Task<string> connectionString, string prefix, TimeProvider clock) =>
        await EventStoreDbEventStore.OpenAsync(new EventStoreDbStoreOptions
        {
            ConnectionString = await connectionString,
            StreamPrefix = prefix,
            Clock = clock,
        });

    public static async Task<string> FakeNodeAsync() => (await SharedFakeNode.GetAsync()).ConnectionString();

    public static Task<string> RealServerAsync() => Task.FromResult(RealServer.Require());
}
