namespace ClaimsLedger.EventStoreDb.Tests.FakeNode;

/// <summary>How the fake node behaves; tests change these to drive it into each failure the sheet describes.</summary>
internal sealed class FakeNodeSettings
{
    /// <summary>Largest append in bytes (data + custom metadata + 2 × type length per event); the server default is 1 MiB.</summary>
    public int MaxAppendSize { get; set; } = 1_048_576;

    /// <summary>Users and passwords of a secure node; empty for an insecure node, which ignores credentials.</summary>
    public Dictionary<string, string> Users { get; } = [];

    /// <summary>
    /// When set, the node is a follower and refuses calls with <c>requires-leader: true</c> with a not-leader error
    /// naming this leader (checked when a call starts; a subscription already running goes on).
    /// </summary>
    public (string Host, int Port)? Leader { get; set; }

    /// <summary>
    /// When set, the node refuses only Append calls with <c>requires-leader: true</c> with a not-leader error naming this
    /// leader, and serves reads (a leader change between an append's reads and its write).
    /// </summary>
    public (string Host, int Port)? AppendLeader { get; set; }

    /// <summary>When true, every call fails with UNAVAILABLE "Server Is Not Ready".</summary>
    public bool NotReady { get; set; }

    /// <summary>When true, every call waits until the client gives up (deadline or cancellation).</summary>
    public bool Stall { get; set; }

    /// <summary>
    /// When true, a backwards read of all from a position leaves out the event at that position (the sheet says it is
    /// included; the client must not depend on either).
    /// </summary>
    public bool BackwardsReadExcludesStart { get; set; }

    /// <summary>When set, a subscription call fails with UNAVAILABLE after sending this many events (a dropped connection).</summary>
    public int? DropSubscriptionsAfter { get; set; }

    /// <summary>Called with the stream name when an append arrives, before it is decided (to stage a race).</summary>
    public Action<string>? OnAppend { get; set; }
}
