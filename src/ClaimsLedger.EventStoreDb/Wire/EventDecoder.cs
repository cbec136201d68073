using System.Globalization;
using ClaimsLedger.EventStoreDb.Protocol;
using ClaimsLedger.Storage;
using RecordedWire = ClaimsLedger.EventStoreDb.Protocol.ReadResp.Types.ReadEvent.Types.RecordedEvent;

namespace ClaimsLedger.EventStoreDb.Wire;

/// <summary>Turns a <c>ReadResp.event</c> into a <see cref="StoredEvent"/>.</summary>
internal static class EventDecoder
{
    private const ulong Unknown = ulong.MaxValue;

    /// <exception cref="LedgerStoreException">The event lacks what the ledger needs (an id, a type, a position).</exception>
    public static StoredEvent Decode(ReadResp.Types.ReadEvent read, LedgerStreamNames names, string where)
    {
        var e = read.Event ?? throw new LedgerStoreException($"EventStoreDB at {where} sent a read event without a record");
        var stream = names.FromServer(e.StreamIdentifier?.StreamName ?? Google.Protobuf.ByteString.Empty);
        if (e.CommitPosition == Unknown || e.PreparePosition == Unknown)
        {
            throw new LedgerStoreException(
                $"EventStoreDB at {where} sent event {e.StreamRevision} of '{stream}' without its $all position: " +
                "ClaimsLedger needs EventStoreDB 22.6 or later, which gives positions on stream reads");
        }

        if (!e.Metadata.TryGetValue("type", out var type) || type.Length == 0)
        {
            throw new LedgerStoreException($"EventStoreDB at {where} sent event {e.StreamRevision} of '{stream}' without a type");
        }

        Guid id;
        try
        {
            id = Uuids.FromWire(e.Id);
        }
        catch (FormatException error)
        {
            throw new LedgerStoreException($"EventStoreDB at {where} sent event {e.StreamRevision} of '{stream}' with a " +
                                           $"bad id: {error.Message}", error);
        }

        var position = new GlobalPosition(e.CommitPosition, e.PreparePosition);
        return Envelope.Read(e.CustomMetadata.Memory) is var (stamp, head, metadata)
            ? new StoredEvent(stream, (long)e.StreamRevision, position, id, type, e.Data.Memory, metadata, stamp, head, Tracked: true)
            : new StoredEvent(stream, (long)e.StreamRevision, position, id, type, e.Data.Memory, e.CustomMetadata.Memory,
                Created(e), null, Tracked: false);
    }

    // Events this store did not write: the server's own creation time (.NET ticks since the Unix epoch).
    private static DateTimeOffset Created(RecordedWire e) =>
        e.Metadata.TryGetValue("created", out var created)
        && long.TryParse(created, NumberStyles.Integer, CultureInfo.InvariantCulture, out var ticks)
            ? DateTimeOffset.UnixEpoch.AddTicks(ticks)
            : DateTimeOffset.UnixEpoch;
}
