using ClaimsLedger.EventStoreDb.Protocol;
using ClaimsLedger.Storage;
using Google.Protobuf;
using static ClaimsLedger.EventStoreDb.Protocol.ReadReq.Types.Options.Types;
using Direction = ClaimsLedger.EventStoreDb.Protocol.ReadReq.Types.Options.Types.ReadDirection;

namespace ClaimsLedger.EventStoreDb.Wire;

/// <summary>
/// Builds the requests the store sends. Every read asks for structured ids and compatibility 1, and states its filter
/// (or <c>no_filter</c>) explicitly; reads of all are always filtered to the ledger's stream prefixes.
/// </summary>
internal static class Requests
{
    private static readonly Empty Flag = new();

    /// <summary>A finite read of one stream from <c>fromRevision</c> (inclusive; null: the start forwards, the end backwards).</summary>
    public static ReadReq ReadStream(ByteString stream, Storage.ReadDirection direction, long? fromRevision, ulong count)
    {
        var options = new StreamOptions { StreamIdentifier = new StreamIdentifier { StreamName = stream } };
        if (fromRevision is { } revision)
        {
            options.Revision = (ulong)revision;
        }
        else if (direction == Storage.ReadDirection.Forwards)
        {
            options.Start = Flag;
        }
        else
        {
            options.End = Flag;
        }

        var read = Common(direction);
        read.Stream = options;
        read.Count = count;
        read.NoFilter = Flag;
        return new ReadReq { Options = read };
    }

    /// <summary>A finite read of all from <c>from</c> (null: the start forwards, the end backwards), filtered by stream-name prefixes (none: unfiltered).</summary>
    public static ReadReq ReadAll(Storage.ReadDirection direction, GlobalPosition? from, ulong count,
        IReadOnlyList<string> prefixes)
    {
        var read = Common(direction);
        read.All = All(from, direction == Storage.ReadDirection.Forwards);
        read.Count = count;
        SetFilter(read, prefixes);
        return new ReadReq { Options = read };
    }

    /// <summary>A filtered catch-up subscription to all after <c>after</c> (exclusive; null: from the start).</summary>
    public static ReadReq SubscribeToAll(GlobalPosition? after, IReadOnlyList<string> prefixes)
    {
        var read = Common(Storage.ReadDirection.Forwards);
        read.All = All(after, forwards: true);
        read.Subscription = new SubscriptionOptions();
        read.Filter = Filter(prefixes);
        return new ReadReq { Options = read };
    }

    /// <summary>The first append message: the stream and its expected last revision (null: it must not exist).</summary>
    public static AppendReq AppendOptions(ByteString stream, long? expectedRevision)
    {
        var options = new AppendReq.Types.Options { StreamIdentifier = new StreamIdentifier { StreamName = stream } };
        if (expectedRevision is { } revision)
        {
            options.Revision = (ulong)revision;
        }
        else
        {
            options.NoStream = Flag;
        }

        return new AppendReq { Options = options };
    }

    public static AppendReq Proposed(EventData data, byte[] customMetadata) => new()
    {
        ProposedMessage = new AppendReq.Types.ProposedMessage
        {
            Id = Uuids.ToStructured(data.EventId),
            Metadata = { ["type"] = data.Type, ["content-type"] = "application/json" },
            CustomMetadata = ByteString.CopyFrom(customMetadata),
            Data = ByteString.CopyFrom(data.Data.Span),
        },
    };

    private static ReadReq.Types.Options Common(Storage.ReadDirection direction) => new()
    {
        ReadDirection = direction == Storage.ReadDirection.Forwards ? Direction.Forwards : Direction.Backwards,
        ResolveLinks = false,
        UuidOption = new UUIDOption { Structured = Flag },
        ControlOption = new ControlOption { Compatibility = 1 },
    };

    private static AllOptions All(GlobalPosition? from, bool forwards)
    {
        if (from is { } position)
        {
            return new AllOptions { Position = new Position { CommitPosition = position.Commit, PreparePosition = position.Prepare } };
        }

        return forwards ? new AllOptions { Start = Flag } : new AllOptions { End = Flag };
    }

    private static void SetFilter(ReadReq.Types.Options read, IReadOnlyList<string> prefixes)
    {
        if (prefixes.Count == 0)
        {
            read.NoFilter = Flag;
        }
        else
        {
            read.Filter = Filter(prefixes);
        }
    }

    private static FilterOptions Filter(IReadOnlyList<string> prefixes) => new()
    {
        StreamIdentifier = new FilterOptions.Types.Expression { Prefix = { prefixes } },
        Count = Flag,
        CheckpointIntervalMultiplier = 1,
    };
}
