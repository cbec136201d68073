using ClaimsLedger.EventStoreDb.Tests.FakeNode;
using ClaimsLedger.Storage;
using static ClaimsLedger.Conformance.StoreTestData;

namespace ClaimsLedger.EventStoreDb.Tests.Reading;

/// <summary>The catch-up subscription to $all beyond the conformance suite: disposal and dropped calls.</summary>
public sealed class SubscriptionTests : FakeNodeTest
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Disposing_the_store_ends_its_subscriptions_cleanly()
    {
        var store = await EventStoreDbEventStore.OpenAsync(Node.ConnectionString());
        await store.AppendToStreamAsync(NewStream("live"), ExpectedVersion.NoStream, Batch(2));
        var received = 0;
        var firstTwo = new TaskCompletionSource();

        var subscription = Task.Run(async () =>
        {
            await foreach (var unused in store.SubscribeToAllAsync(null))
            {
                if (++received == 2)
                {
                    firstTwo.SetResult();
                }
            }
        });
        await firstTwo.Task.WaitAsync(Patience);
        await store.DisposeAsync();

        await subscription.WaitAsync(Patience);
        Assert.Equal(2, received);
    }

    [Fact]
    public async Task A_dropped_subscription_resumes_after_the_last_event_without_gaps_or_repeats()
    {
        await using var store = await EventStoreDbEventStore.OpenAsync(Node.ConnectionString());
        var stream = NewStream("dropped");
        await store.AppendToStreamAsync(stream, ExpectedVersion.NoStream, Batch(5));
        Node.Settings.DropSubscriptionsAfter = 2;
        using var timeout = new CancellationTokenSource(Patience);

        var seen = await store.SubscribeToAllAsync(null, timeout.Token).Take(5).ToListAsync(timeout.Token);

        Assert.Equal([0, 1, 2, 3, 4], seen.Select(Number));
        Assert.True(Node.Service.Calls.Count(call => call.Method == "Read") >= 3, "the subscription was not resumed");
    }
}
