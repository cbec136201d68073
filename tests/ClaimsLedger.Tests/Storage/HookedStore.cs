using System.Runtime.CompilerServices;
using ClaimsLedger.Conformance;
using ClaimsLedger.Storage;
using ClaimsLedger.Storage.InMemory;

namespace ClaimsLedger.Tests.Storage;

/// <summary>
/// An in-memory store (sequenced, like the SQL stores) that runs a test's hook before the next append or before each
/// read of the global order: to let another writer in at a precise moment, hold a load, or fail a read.
/// </summary>
internal sealed class HookedStore(InMemoryEventStore inner) : DelegatingStore(inner), ISequencedEventStore
{
    /// <summary>Runs once, before the next append.</summary>
    public Func<Task>? BeforeNextAppend { get; set; }

    /// <summary>Runs before every read of the global order (a catch-up or a load).</summary>
    public Func<Task>? BeforeReadAll { get; set; }

    public override async Task<IReadOnlyList<AppendResult>> AppendAsync(IReadOnlyList<StreamAppend> appends,
        CancellationToken cancellationToken = default)
    {
        if (BeforeNextAppend is { } before)
        {
            BeforeNextAppend = null;
            await before();
        }

        return await base.AppendAsync(appends, cancellationToken);
    }

    public override async IAsyncEnumerable<RecordedEvent> ReadAllAsync(ReadDirection direction, GlobalPosition from,
        long maxCount, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        // Reading the last event backwards is how a claim read from its streams finds its cut; only forward reads hook.
        if (direction == ReadDirection.Forwards && BeforeReadAll is { } before)
        {
            await before();
        }

        await foreach (var e in base.ReadAllAsync(direction, from, maxCount, cancellationToken))
        {
            yield return e;
        }
    }
}
