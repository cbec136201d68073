using ClaimsLedger.EventStoreDb.Diagnostics;
using ClaimsLedger.EventStoreDb.Reading;
using ClaimsLedger.EventStoreDb.Writing;
using ClaimsLedger.Integrity;
using ClaimsLedger.Storage;

namespace ClaimsLedger.EventStoreDb.Chain;

/// <summary>
/// Seals the ledger's events into the chain after they are written, in $all order, which the server fixes only at
/// commit (and EventStoreDB has no transaction across streams, so the hash cannot be written with the event).
/// </summary>
/// <remarks>
/// <para>One round: read the chain's head (the last link), read the ledger events after its position in $all,
/// hash them from there — sequence, previous hash and recordedAt as the running maximum continued from the head, which
/// is what reads report — and append them as one link at the head's revision. A conflict means another sealer moved
/// the chain first: read the head again and go on. Any sealer computes the same hashes for the same events, so
/// whichever wins, there is one chain. Rounds go on until the chain covers the position asked for; events written by
/// a writer that stopped before sealing are sealed by the next round of anyone.</para>
/// <para>The sealer starts from the head it last saw (its own last link, usually) instead of reading it again: if
/// another sealer moved the chain meanwhile, the expected revision makes the append fail, and it reads the head. The
/// store's appends seal one at a time: one that waited often finds its events sealed by the one before, with no call
/// at all (other processes still race on the expected revision).</para>
/// <para>A link holds at most <see cref="MaxLinkEvents"/> events (about 200 bytes each, well under the node's 1 MiB
/// default maximum append size); if the node refuses it as too large, the sealer halves the run.</para>
/// <para>Sealing events before the caller's own that a writer left unsealed is logged as a warning, unless
/// another append of this store is between its write and its seal (then they are most likely its events, about to be
/// sealed by it): a writer that stops in between leaves its events unhashed until someone seals them.</para>
/// </remarks>
internal sealed class ChainSealer(ChainStream chain, LogReader reader, ChainIndex index, StoreDiagnostics diagnostics)
{
    public const int MaxLinkEvents = 500;

    // Each round either appends a link or sees that another sealer did; this bounds a pathological race, not the ledger.
    private const int MaxRounds = 10_000;

    private readonly Lock _gate = new();
    private readonly SemaphoreSlim _sealing = new(1, 1);
    private ChainHead? _known;
    private int _writers;

    /// <summary>An append of this store starts writing: until <see cref="ExitWrite"/>, its events may be unsealed.</summary>
    public void EnterWrite() => Interlocked.Increment(ref _writers);

    /// <summary>The append that called <see cref="EnterWrite"/> has sealed, or given up.</summary>
    public void ExitWrite() => Interlocked.Decrement(ref _writers);

    /// <summary>Seals until every ledger event up to <paramref name="upTo"/> is chained.</summary>
    /// <param name="upTo">The caller's last event.</param>
    /// <param name="own">The caller's first event: events sealed before it were written by someone else.</param>
    /// <param name="callerWrites">True when the caller is between <see cref="EnterWrite"/> and <see cref="ExitWrite"/>.</param>
    /// <param name="cancellationToken">Stops the sealing.</param>
    /// <exception cref="LedgerStoreException">The chain stream could not be read or written.</exception>
    public async Task SealAsync(GlobalPosition upTo, GlobalPosition own, bool callerWrites, CancellationToken cancellationToken)
    {
        await _sealing.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var (others, from) = await SealInTurnAsync(upTo, own, cancellationToken).ConfigureAwait(false);
            if (others > 0 && Volatile.Read(ref _writers) <= (callerWrites ? 1 : 0))
            {
                diagnostics.UnsealedTailSealed(others, from!.Value);
            }
        }
        finally
        {
            _sealing.Release();
        }
    }

    // Returns how many events before own it sealed, and the first of them.
    private async Task<(long Others, GlobalPosition? From)> SealInTurnAsync(GlobalPosition upTo, GlobalPosition own,
        CancellationToken cancellationToken)
    {
        var others = 0L;
        GlobalPosition? from = null;
        var limit = MaxLinkEvents;
        var head = Known() ?? await ReadHeadAsync(cancellationToken).ConfigureAwait(false);
        for (var round = 0; !head.Covers(upTo); round++)
        {
            if (round == MaxRounds)
            {
                throw new LedgerStoreException($"the ledger's hash chain did not reach position {upTo} after {MaxRounds} " +
                                               "rounds of sealing: other writers kept moving it");
            }

            var link = await NextLinkAsync(head, limit, cancellationToken).ConfigureAwait(false);
            if (link is null)
            {
                return (others, from); // nothing after the head: the events asked for are no longer in $all
            }

            AppendOutcome outcome;
            try
            {
                outcome = await chain.AppendAsync(head, link, cancellationToken).ConfigureAwait(false);
            }
            catch (AppendTooLargeException) when (limit > 1)
            {
                limit /= 2;
                continue;
            }

            if (outcome.Succeeded)
            {
                var revision = outcome.Revision ?? (head.Revision ?? -1) + 1;
                index.Apply(revision, link);
                head = Remember(ChainHead.After(revision, link));
                var before = link.Entries.Where(e => e.Position < own).ToList();
                others += before.Count;
                from ??= before.Count > 0 ? before[0].Position : null;
            }
            else
            {
                head = await ReadHeadAsync(cancellationToken).ConfigureAwait(false);
            }
        }

        return (others, from);
    }

    private async Task<ChainHead> ReadHeadAsync(CancellationToken cancellationToken) =>
        Remember(await chain.ReadHeadAsync(cancellationToken).ConfigureAwait(false));

    private ChainHead? Known()
    {
        lock (_gate)
        {
            return _known;
        }
    }

    // Keeps the newest head seen by any of this store's sealers.
    private ChainHead Remember(ChainHead head)
    {
        lock (_gate)
        {
            if (_known is null || (head.Revision ?? -1) >= (_known.Revision ?? -1))
            {
                _known = head;
            }

            return head;
        }
    }

    /// <summary>The next link after <paramref name="head"/>: up to <paramref name="limit"/> events, or null when there are none.</summary>
    private async Task<ChainLink?> NextLinkAsync(ChainHead head, int limit, CancellationToken cancellationToken)
    {
        var entries = new List<ChainEntry>();
        var previous = head.Hash;
        var recordedAt = head.RecordedAt;
        await foreach (var e in reader.AllForwardsAsync(head.Position, limit + 1L, cancellationToken).ConfigureAwait(false))
        {
            if (head.Position is { } chained && e.Position <= chained)
            {
                continue;
            }

            recordedAt = recordedAt is { } before && before > e.Stamp ? before : e.Stamp;
            var hash = EventHash.Compute(head.NextSequence + entries.Count, e.Stream.Value, e.Revision, e.Type, e.Id,
                recordedAt.Value, e.Data.Span, e.Metadata.Span, previous);
            entries.Add(new ChainEntry(e.Position, e.Id, recordedAt.Value, hash));
            previous = hash;
            if (entries.Count == limit)
            {
                break;
            }
        }

        return entries.Count == 0 ? null : new ChainLink(head.NextSequence, head.Hash, entries);
    }
}
