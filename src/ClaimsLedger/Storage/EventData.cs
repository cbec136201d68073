namespace ClaimsLedger.Storage;

/// <summary>An event about to be appended: its id, type name and UTF-8 JSON payload and metadata.</summary>
/// <param name="EventId">Idempotency key: the store refuses a second, different event with the same id.</param>
/// <param name="Type">Stable type name, e.g. <c>statement-asserted.v1</c>.</param>
/// <param name="Data">The payload (UTF-8 JSON).</param>
/// <param name="Metadata">Metadata such as correlation ids (UTF-8 JSON object; may be empty).</param>
public sealed record EventData(Guid EventId, string Type, ReadOnlyMemory<byte> Data, ReadOnlyMemory<byte> Metadata);
