using System.Text;
using ClaimsLedger.EventStoreDb.Protocol;
using Google.Protobuf;

namespace ClaimsLedger.EventStoreDb.Tests.FakeNode;

/// <summary>
/// The fake node's transaction log: streams with revisions, one $all order with (commit, prepare) positions, appends
/// with the sheet's expected-revision and event-id rules (section 9). Every write is atomic under one lock, so a reader
/// never sees part of an append. Starts with a system event and a foreign stream, as a real node would hold.
/// </summary>
internal sealed class FakeLog
{
    private readonly Lock _gate = new();
    private readonly List<FakeRecord> _all = [];
    private readonly Dictionary<string, List<FakeRecord>> _streams = [];
    private readonly HashSet<string> _tombstoned = [];

    // Soft-deleted streams and their "truncate before": reads see only the events from that revision on.
    private readonly Dictionary<string, int> _truncatedBefore = [];
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private ulong _offset = 1000;

    public FakeLog()
    {
        Write("$epoch-information", [Proposed("$epoch-information", "{}")]);
        Write("orders-1", [Proposed("order-placed", "{\"order\":1}")]);
    }

    /// <summary>Completes at the next write.</summary>
    public Task Changed
    {
        get
        {
            lock (_gate)
            {
                return _changed.Task;
            }
        }
    }

    public IReadOnlyList<FakeRecord> All()
    {
        lock (_gate)
        {
            return [.. _all];
        }
    }

    /// <summary>
    /// The stream's events as reads see them (after a soft delete, only those appended since), or null when it was
    /// never written; throws for a tombstoned stream.
    /// </summary>
    public IReadOnlyList<FakeRecord>? Stream(string stream)
    {
        lock (_gate)
        {
            if (_tombstoned.Contains(stream))
            {
                throw FakeErrors.StreamDeleted(stream);
            }

            return _streams.TryGetValue(stream, out var events) ? [.. events.Skip(_truncatedBefore.GetValueOrDefault(stream))] : null;
        }
    }

    /// <summary>
    /// A soft delete (sheet §4.3, §9): reads of the stream then give stream_not_found; its events stay in $all (until a
    /// scavenge); an append expecting no stream (or any) re-creates it, its revisions continuing after the deleted
    /// ones. The sheet leaves open what an exact expected revision does on a soft-deleted stream; here the old last
    /// revision is accepted too (the store never relies on it).
    /// </summary>
    public void SoftDelete(string stream)
    {
        lock (_gate)
        {
            _truncatedBefore[stream] = _streams.TryGetValue(stream, out var events) ? events.Count : 0;
        }
    }
    public void Tombstone(string stream)
    {
        lock (_gate)
        {
            _tombstoned.Add(stream);
        }
    }

    /// <summary>
    /// Removes a stream and its events from the log, as a real node's scavenge does after the stream was deleted: reads
    /// of all no longer return them, the other events keep their positions.
    /// </summary>
    public void Scavenge(string stream)
    {
        lock (_gate)
        {
            _all.RemoveAll(e => e.Stream == stream);
            _streams.Remove(stream);
        }
    }

    /// <summary>Writes events as they are, bypassing every check (for tests that need a particular history).</summary>
    public void Inject(string stream, string type, byte[] data, byte[] customMetadata, Guid id)
    {
        lock (_gate)
        {
            Write(stream, [new AppendReq.Types.ProposedMessage
            {
                Id = FakeUuid.ToWire(id, structured: true),
                Metadata = { ["type"] = type, ["content-type"] = "application/json" },
                Data = ByteString.CopyFrom(data),
                CustomMetadata = ByteString.CopyFrom(customMetadata),
            }]);
        }
    }

    /// <summary>An append after the checks of <see cref="FakeAppendRules"/>, atomically.</summary>
    public AppendResp Append(string stream, AppendReq.Types.Options options, IReadOnlyList<AppendReq.Types.ProposedMessage> events)
    {
        lock (_gate)
        {
            if (_tombstoned.Contains(stream))
            {
                throw FakeErrors.StreamDeleted(stream);
            }

            var existing = _streams.TryGetValue(stream, out var list) ? list : [];
            var before = existing.Count;
            if (_truncatedBefore.TryGetValue(stream, out var truncated) && truncated == existing.Count && truncated > 0
                && options.ExpectedStreamRevisionCase is AppendReq.Types.Options.ExpectedStreamRevisionOneofCase.NoStream
                    or AppendReq.Types.Options.ExpectedStreamRevisionOneofCase.Any)
            {
                // Re-creating a soft-deleted stream: the write goes after its last (deleted) revision.
                options = new AppendReq.Types.Options(options) { Revision = (ulong)(truncated - 1) };
            }

            return FakeAppendRules.Decide(options, events, existing) ?? Success(Write(stream, events), before);
        }
    }

    private static AppendResp Success(IReadOnlyList<FakeRecord> written, int countBefore)
    {
        var success = new AppendResp.Types.Success();
        if (written.Count == 0 && countBefore == 0)
        {
            success.NoStream = new Empty();
        }
        else
        {
            success.CurrentRevision = (ulong)(countBefore + written.Count - 1);
        }

        if (written.Count == 0)
        {
            success.NoPosition = new Empty();
        }
        else
        {
            success.Position = new AppendResp.Types.Position { CommitPosition = written[^1].Commit, PreparePosition = written[^1].Prepare };
        }

        return new AppendResp { Success = success };
    }

    private List<FakeRecord> Write(string stream, IReadOnlyList<AppendReq.Types.ProposedMessage> events)
    {
        if (!_streams.TryGetValue(stream, out var list))
        {
            list = [];
            _streams[stream] = list;
        }

        // Events of one transaction share its commit position and have increasing prepare positions.
        var commit = _offset;
        var written = new List<FakeRecord>();
        foreach (var e in events)
        {
            var contentType = e.Metadata["content-type"];
            var record = new FakeRecord(stream, list.Count, commit, _offset, FakeUuid.FromWire(e.Id), e.Metadata["type"],
                contentType == "application/json", e.CustomMetadata.ToByteArray(), e.Data.ToByteArray(),
                (DateTime.UtcNow - DateTime.UnixEpoch).Ticks);
            _offset += 100 + (ulong)(e.Data.Length + e.CustomMetadata.Length);
            list.Add(record);
            _all.Add(record);
            written.Add(record);
        }

        _changed.TrySetResult();
        _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        return written;
    }

    private static AppendReq.Types.ProposedMessage Proposed(string type, string json) => new()
    {
        Id = FakeUuid.ToWire(Guid.NewGuid(), structured: false),
        Metadata = { ["type"] = type, ["content-type"] = "application/json" },
        Data = ByteString.CopyFrom(Encoding.UTF8.GetBytes(json)),
    };
}
