using System.Text;
using System.Text.RegularExpressions;
using ClaimsLedger.EventStoreDb.Protocol;
using Google.Protobuf;
using Grpc.Core;
using static ClaimsLedger.EventStoreDb.Protocol.ReadReq.Types.Options;
using static ClaimsLedger.EventStoreDb.Protocol.ReadReq.Types.Options.Types;

namespace ClaimsLedger.EventStoreDb.Tests.FakeNode;

/// <summary>
/// Finite reads as the sheet describes them (section 3): the combinations a 24.10 node accepts, inclusive start
/// positions, stream_not_found for a stream with no events, last_stream_position at the end of a stream read, and
/// server-side filters on stream-name prefixes or regular expressions.
/// </summary>
internal static class FakeReads
{
    public static void Validate(ReadReq.Types.Options o)
    {
        if (o.UuidOption is null || o.UuidOption.ContentCase == UUIDOption.ContentOneofCase.None)
        {
            throw FakeErrors.InvalidArgument("uuid_option is required");
        }

        if (o.StreamOptionCase == StreamOptionOneofCase.None || o.CountOptionCase == CountOptionOneofCase.None
                                                             || o.FilterOptionCase == FilterOptionOneofCase.None)
        {
            throw FakeErrors.InvalidArgument("stream_option, count_option and filter_option must be set");
        }

        var subscription = o.CountOptionCase == CountOptionOneofCase.Subscription;
        if ((o.StreamOptionCase == StreamOptionOneofCase.Stream && o.FilterOptionCase == FilterOptionOneofCase.Filter)
            || (subscription && o.ReadDirection == Types.ReadDirection.Backwards))
        {
            throw FakeErrors.InvalidArgument($"The combination of {o.StreamOptionCase}, {o.CountOptionCase}, " +
                                             $"{o.ReadDirection} and {o.FilterOptionCase} is invalid.");
        }

        if (subscription && o.Filter is { CheckpointIntervalMultiplier: 0 })
        {
            throw FakeErrors.InvalidArgument("checkpointIntervalMultiplier must be at least 1");
        }
    }

    public static async Task StreamAsync(FakeLog log, ReadReq.Types.Options o, IServerStreamWriter<ReadResp> responses)
    {
        var name = o.Stream.StreamIdentifier.StreamName.ToStringUtf8();
        var events = log.Stream(name);
        if (events is null || events.Count == 0)
        {
            await responses.WriteAsync(new ReadResp { StreamNotFound = new() { StreamIdentifier = o.Stream.StreamIdentifier } });
            return;
        }

        var forwards = o.ReadDirection == Types.ReadDirection.Forwards;
        var from = o.Stream.RevisionOptionCase switch
        {
            StreamOptions.RevisionOptionOneofCase.Revision => (long)Math.Min(o.Stream.Revision, long.MaxValue),
            StreamOptions.RevisionOptionOneofCase.End => events.Count - 1,
            _ => 0,
        };
        var selected = forwards
            ? events.Where(e => e.Revision >= from)
            : events.Where(e => e.Revision <= from).Reverse();
        foreach (var e in selected.Take((int)Math.Min(o.Count, int.MaxValue)))
        {
            await responses.WriteAsync(Event(e, o));
        }

        if (o.ControlOption is { Compatibility: >= 1 })
        {
            await responses.WriteAsync(new ReadResp { LastStreamPosition = (ulong)events[^1].Revision });
        }
    }

    public static async Task AllAsync(FakeLog log, ReadReq.Types.Options o, IServerStreamWriter<ReadResp> responses,
        bool backwardsExcludesStart)
    {
        var all = log.All();
        var forwards = o.ReadDirection == Types.ReadDirection.Forwards;
        IEnumerable<FakeRecord> selected = o.All.AllOptionCase switch
        {
            AllOptions.AllOptionOneofCase.Position when forwards =>
                all.Where(e => e.IsAtOrAfter(o.All.Position.CommitPosition, o.All.Position.PreparePosition)),
            AllOptions.AllOptionOneofCase.Position => all.Where(e => backwardsExcludesStart
                ? !e.IsAtOrAfter(o.All.Position.CommitPosition, o.All.Position.PreparePosition)
                : !e.IsAfter(o.All.Position.CommitPosition, o.All.Position.PreparePosition)).Reverse(),
            AllOptions.AllOptionOneofCase.End when forwards => [],
            AllOptions.AllOptionOneofCase.End => all.AsEnumerable().Reverse(),
            _ => forwards ? all : [],
        };
        foreach (var e in selected.Where(e => Matches(o, e)).Take((int)Math.Min(o.Count, int.MaxValue)))
        {
            await responses.WriteAsync(Event(e, o));
        }
    }

    public static bool Matches(ReadReq.Types.Options o, FakeRecord e)
    {
        if (o.FilterOptionCase != FilterOptionOneofCase.Filter)
        {
            return true;
        }

        var (expression, subject) = o.Filter.FilterCase == FilterOptions.FilterOneofCase.EventType
            ? (o.Filter.EventType, e.Type)
            : (o.Filter.StreamIdentifier, e.Stream);
        return expression.Regex.Length > 0
            ? Regex.IsMatch(subject, expression.Regex, RegexOptions.None, TimeSpan.FromSeconds(1))
            : expression.Prefix.Any(prefix => subject.StartsWith(prefix, StringComparison.Ordinal));
    }

    public static ReadResp Event(FakeRecord e, ReadReq.Types.Options o)
    {
        var recorded = new ReadResp.Types.ReadEvent.Types.RecordedEvent
        {
            Id = FakeUuid.ToWire(e.Id, o.UuidOption.ContentCase == UUIDOption.ContentOneofCase.Structured),
            StreamIdentifier = new StreamIdentifier { StreamName = ByteString.CopyFrom(Encoding.UTF8.GetBytes(e.Stream)) },
            StreamRevision = (ulong)e.Revision,
            CommitPosition = e.Commit,
            PreparePosition = e.Prepare,
            Metadata =
            {
                ["type"] = e.Type,
                ["content-type"] = e.IsJson ? "application/json" : "application/octet-stream",
                ["created"] = e.CreatedTicks.ToString(System.Globalization.CultureInfo.InvariantCulture),
            },
            CustomMetadata = ByteString.CopyFrom(e.CustomMetadata),
            Data = ByteString.CopyFrom(e.Data),
        };
        return new ReadResp { Event = new ReadResp.Types.ReadEvent { Event = recorded, CommitPosition = e.Commit } };
    }
}
