namespace ClaimsLedger.EventStoreDb.Tests.FakeNode;

/// <summary>One event in the fake node's log, with its $all position (commit, prepare) as a real node reports it.</summary>
internal sealed record FakeRecord(
    string Stream,
    long Revision,
    ulong Commit,
    ulong Prepare,
    Guid Id,
    string Type,
    bool IsJson,
    byte[] CustomMetadata,
    byte[] Data,
    long CreatedTicks)
{
    public bool IsAfter(ulong commit, ulong prepare) => Commit > commit || (Commit == commit && Prepare > prepare);

    public bool IsAtOrAfter(ulong commit, ulong prepare) => IsAfter(commit, prepare) || (Commit == commit && Prepare == prepare);
}
