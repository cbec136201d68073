using ClaimsLedger.Events;
using ClaimsLedger.Recording;
using ClaimsLedger.Serialization;
using ClaimsLedger.Storage;

namespace ClaimsLedger.Index;

/// <summary>
/// An index of one claim built from the store's streams alone: the claim's stream, the streams of every actor and
/// source its statements and corrections name, and the organisations those actors were affiliated with. Everything
/// one claim's view reads, without reading the rest of the log; used while a ledger still loads its full index.
/// </summary>
/// <remarks>
/// The streams are cut at the store's last position read first, so the result is the claim as the whole ledger held
/// it at that position: events committed while the streams are read are left out together, never half of them.
/// </remarks>
internal static class ClaimScope
{
    /// <returns>The index, or null when the store does not hold the claim.</returns>
    /// <exception cref="LedgerFormatException">An event cannot be read.</exception>
    public static async Task<LedgerIndex?> LoadAsync(IEventReader store, ClaimId claim,
        CancellationToken cancellationToken)
    {
        if (await store.ReadLastAsync(cancellationToken).ConfigureAwait(false) is not { } last)
        {
            return null;
        }

        var cut = last.Position;
        var claimEvents = await ReadAsync(store, LedgerStreams.Claim(claim), cut, cancellationToken).ConfigureAwait(false);
        if (claimEvents.Count == 0)
        {
            return null;
        }

        var events = new List<RecordedEvent>(claimEvents.Count * 2);
        events.AddRange(claimEvents.Select(e => e.Recorded));
        var actors = new HashSet<ActorId>();
        var sources = new HashSet<SourceId>();
        foreach (var (_, @event) in claimEvents)
        {
            Collect(@event, actors, sources);
        }

        // Two hops: the actors named, then the organisations they were affiliated with (their names appear in views).
        var organisations = new HashSet<ActorId>();
        foreach (var actor in actors)
        {
            foreach (var (recorded, @event) in await ReadAsync(store, LedgerStreams.Actor(actor), cut, cancellationToken)
                         .ConfigureAwait(false))
            {
                events.Add(recorded);
                if (@event is ActorAffiliated affiliated && !actors.Contains(affiliated.Organisation))
                {
                    organisations.Add(affiliated.Organisation);
                }
            }
        }

        foreach (var organisation in organisations)
        {
            events.AddRange((await ReadAsync(store, LedgerStreams.Actor(organisation), cut, cancellationToken)
                .ConfigureAwait(false)).Select(e => e.Recorded));
        }

        foreach (var source in sources)
        {
            events.AddRange((await ReadAsync(store, LedgerStreams.Source(source), cut, cancellationToken)
                .ConfigureAwait(false)).Select(e => e.Recorded));
        }

        events.Sort((a, b) => a.Position.CompareTo(b.Position));
        var index = new LedgerIndex();
        foreach (var recorded in events)
        {
            index.Apply(recorded);
        }

        return index;
    }

    private static void Collect(LedgerEvent @event, HashSet<ActorId> actors, HashSet<SourceId> sources)
    {
        switch (@event)
        {
            case Statement statement:
                actors.Add(statement.Actor);
                actors.UnionWith(statement.Via);
                sources.Add(statement.Source);
                break;
            case StatementAmended { Changes: var changes }:
                if (changes.Actor is { } actor)
                {
                    actors.Add(actor);
                }

                if (changes.Source is { } source)
                {
                    sources.Add(source);
                }

                actors.UnionWith(changes.Via ?? []);
                break;
        }
    }

    private static async Task<List<(RecordedEvent Recorded, LedgerEvent Event)>> ReadAsync(IEventReader store,
        StreamName stream, GlobalPosition cut, CancellationToken cancellationToken)
    {
        var events = new List<(RecordedEvent, LedgerEvent)>();
        await foreach (var recorded in store.ReadStreamForwardsAsync(stream, cancellationToken: cancellationToken)
                           .ConfigureAwait(false))
        {
            if (recorded.Position > cut)
            {
                break;
            }

            events.Add((recorded, EventSerializer.Deserialize(recorded.Type, recorded.Data.Span)));
        }

        return events;
    }
}
