using ClaimsLedger.Integrity;
using ClaimsLedger.Storage;
using Xunit;
using static ClaimsLedger.Conformance.StoreTestData;

namespace ClaimsLedger.Conformance;

/// <summary>The hash chain (docs/integrity.md): every store keeps it, also under concurrent writers.</summary>
public abstract partial class EventStoreContract
{
    [SkippableFact]
    public async Task Every_event_read_back_carries_its_sequence_and_the_hash_of_the_event_before_it()
    {
        await using var store = await CreateStoreAsync(Clock);
        var stream = NewStream("chained");
        await store.AppendToStreamAsync(stream, ExpectedVersion.NoStream, Batch(3));
        await store.AppendToStreamAsync(NewStream("other"), ExpectedVersion.NoStream, Batch(2));

        var all = await store.ReadAllForwardsAsync(GlobalPosition.Start).ToListAsync();

        Assert.All(all, e => Assert.Equal(32, e.Hash.Length));
        Assert.Equal(Enumerable.Range(1, all.Count).Select(n => (long)n), all.Select(e => e.Sequence));
        Assert.True(all[0].PreviousHash.Span.SequenceEqual(EventHash.Genesis.Span));
        Assert.All(all.Zip(all.Skip(1)), pair => Assert.True(pair.Second.PreviousHash.Span.SequenceEqual(pair.First.Hash.Span)));
        var read = await store.ReadStreamForwardsAsync(stream).ToListAsync();
        Assert.All(read, e => Assert.True(e.Hash.Span.SequenceEqual(all.Single(a => a.EventId == e.EventId).Hash.Span)));
    }

    [SkippableFact]
    public async Task Concurrent_writers_keep_one_unbroken_chain_that_verifies()
    {
        await using var store = await CreateStoreAsync(Clock);
        const int writers = 6;
        const int appendsPerWriter = 15;

        var writing = Enumerable.Range(0, writers).Select(w => Task.Run(async () =>
        {
            var mine = NewStream($"writer{w}");
            var shared = NewStream($"shared{w}");
            for (var i = 0; i < appendsPerWriter; i++)
            {
                // Single appends, and appends that span two streams at once.
                if (i % 3 == 2)
                {
                    await store.AppendAsync([new StreamAppend(mine, ExpectedVersion.Any, Batch(1, i)),
                        new StreamAppend(shared, ExpectedVersion.Any, Batch(2, i))]);
                }
                else
                {
                    await store.AppendToStreamAsync(mine, ExpectedVersion.Any, Batch(2, i * 2));
                }
            }
        })).ToArray();
        await Task.WhenAll(writing);

        var report = await LedgerIntegrity.VerifyAsync(store);
        var count = await store.ReadAllForwardsAsync(GlobalPosition.Start).CountAsync();

        Assert.True(report.IsIntact, report.ToString());
        Assert.Equal(count, report.Events);
        Assert.Equal(count, report.Head!.Size);
        var last = await store.ReadLastAsync();
        Assert.Equal(EventHash.ToHex(last!.Hash.Span), report.Head.Hash);
        Assert.Equal(last.RecordedAt, report.Head.RecordedAt);
    }

    [SkippableFact]
    public async Task A_grown_ledger_extends_its_earlier_digest_and_proves_it()
    {
        await using var store = await CreateStoreAsync(Clock);
        var first = Batch(3);
        await store.AppendToStreamAsync(NewStream("early"), ExpectedVersion.NoStream, first);
        var older = await LedgerIntegrity.DigestAsync(store);
        Clock.Advance(TimeSpan.FromMinutes(5));
        await store.AppendToStreamAsync(NewStream("later"), ExpectedVersion.NoStream, Batch(4));
        var newer = await LedgerIntegrity.DigestAsync(store);

        var report = await LedgerIntegrity.VerifyAsync(store, extends: older);
        var consistency = await LedgerIntegrity.ProveConsistencyAsync(store, older, newer);
        var inclusion = await LedgerIntegrity.ProveEventAsync(store, first[1].EventId, older);

        Assert.True(report.IsIntact, report.ToString());
        Assert.Equal(older.Size + 4, newer.Size);
        Assert.True(consistency.Verify(older, newer));
        Assert.True(ConsistencyProof.FromJson(consistency.ToJson()).Verify(older, newer));
        Assert.True(inclusion.Verify(older));
        Assert.False(inclusion.Verify(newer));
        Assert.True(InclusionProof.FromJson(inclusion.ToJson()).Verify(older));
        var forged = older with { Hash = newer.Hash };
        var mismatch = await LedgerIntegrity.VerifyAsync(store, extends: forged);
        Assert.Equal(IntegrityProblem.Digest, mismatch.Break?.Problem);
        Assert.Equal(older.Size, mismatch.Break!.Sequence);
    }
}
