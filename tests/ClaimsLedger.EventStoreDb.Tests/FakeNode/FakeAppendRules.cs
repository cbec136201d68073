using ClaimsLedger.EventStoreDb.Protocol;
using static ClaimsLedger.EventStoreDb.Protocol.AppendReq.Types.Options;

namespace ClaimsLedger.EventStoreDb.Tests.FakeNode;

/// <summary>
/// The sheet's expected-revision and event-id rules (section 9): an exact revision (or no stream) behind the stream's
/// end compares the proposed ids with the events after it — all equal: the original success, otherwise wrong expected
/// version; any / stream exists look the ids up in the stream and write again unless all are found.
/// </summary>
internal static class FakeAppendRules
{
    /// <summary>The answer when nothing is to be written, or null to write.</summary>
    public static AppendResp? Decide(AppendReq.Types.Options options, IReadOnlyList<AppendReq.Types.ProposedMessage> events,
        List<FakeRecord> existing)
    {
        var current = existing.Count - 1L;
        var ids = events.Select(e => FakeUuid.FromWire(e.Id)).ToList();
        switch (options.ExpectedStreamRevisionCase)
        {
            case ExpectedStreamRevisionOneofCase.Revision or ExpectedStreamRevisionOneofCase.NoStream:
                var expected = options.ExpectedStreamRevisionCase == ExpectedStreamRevisionOneofCase.NoStream ? -1L : (long)options.Revision;
                if (current == expected)
                {
                    return null;
                }

                var after = existing.Skip((int)(expected + 1)).Take(ids.Count).ToList();
                return current > expected && ids.Count > 0 && after.Count == ids.Count && after.Select(r => r.Id).SequenceEqual(ids)
                    ? Original(after[^1])
                    : Conflict(options, current);
            case ExpectedStreamRevisionOneofCase.StreamExists when current < 0:
                return Conflict(options, current);
            case ExpectedStreamRevisionOneofCase.Any or ExpectedStreamRevisionOneofCase.StreamExists:
                var found = existing.Where(r => ids.Contains(r.Id)).ToList();
                return ids.Count > 0 && found.Count == ids.Count ? Original(found[^1]) : null;
            default:
                throw FakeErrors.InvalidArgument("expected_stream_revision is not set");
        }
    }

    private static AppendResp Original(FakeRecord last) => new()
    {
        Success = new AppendResp.Types.Success
        {
            CurrentRevision = (ulong)last.Revision,
            Position = new AppendResp.Types.Position { CommitPosition = last.Commit, PreparePosition = last.Prepare },
        },
    };

    // 24.10 fills both the legacy fields (1-5) and the current ones (6-11).
    private static AppendResp Conflict(AppendReq.Types.Options options, long current)
    {
        var conflict = new AppendResp.Types.WrongExpectedVersion();
        if (current < 0)
        {
            conflict.NoStream2060 = new Empty();
            conflict.CurrentNoStream = new Empty();
        }
        else
        {
            conflict.CurrentRevision2060 = (ulong)current;
            conflict.CurrentRevision = (ulong)current;
        }

        switch (options.ExpectedStreamRevisionCase)
        {
            case ExpectedStreamRevisionOneofCase.Revision:
                conflict.ExpectedRevision2060 = options.Revision;
                conflict.ExpectedRevision = options.Revision;
                break;
            case ExpectedStreamRevisionOneofCase.NoStream:
                conflict.ExpectedRevision2060 = ulong.MaxValue;
                conflict.ExpectedNoStream = new Empty();
                break;
            case ExpectedStreamRevisionOneofCase.Any:
                conflict.Any2060 = new Empty();
                conflict.ExpectedAny = new Empty();
                break;
            default:
                conflict.StreamExists2060 = new Empty();
                conflict.ExpectedStreamExists = new Empty();
                break;
        }

        return new AppendResp { WrongExpectedVersion = conflict };
    }
}
