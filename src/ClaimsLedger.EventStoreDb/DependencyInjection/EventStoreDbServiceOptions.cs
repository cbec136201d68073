namespace ClaimsLedger.EventStoreDb;

/// <summary>
/// The EventStoreDB store's settings under dependency injection, bound from the <c>EventStoreDb</c> sub-section of the
/// ledger's configuration (e.g. <c>"ClaimsLedger": { "EventStoreDb": { "ConnectionString": "esdb://..." } }</c>) and
/// checked at start. Each stands for the <see cref="EventStoreDbStoreOptions"/> property of the same name.
/// </summary>
public sealed class EventStoreDbServiceOptions
{
    /// <summary>The connection string, e.g. <c>esdb://admin:changeit@127.0.0.1:2113?tls=false</c>; required.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>Put in front of every ledger stream name on the server. Default empty.</summary>
    public string StreamPrefix { get; set; } = string.Empty;

    /// <summary>The store options these settings stand for, with the container's clock.</summary>
    internal EventStoreDbStoreOptions ToStoreOptions(TimeProvider clock) => new()
    {
        ConnectionString = ConnectionString!,
        StreamPrefix = StreamPrefix,
        Clock = clock,
    };
}
