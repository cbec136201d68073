namespace ClaimsLedger.Storage;

/// <summary>Events to append to one stream, with the version the writer expects the stream to be at.</summary>
/// <param name="Stream">Target stream.</param>
/// <param name="ExpectedVersion">Concurrency expectation, checked before anything is written.</param>
/// <param name="Events">The events, in order; may be empty (a pure version check).</param>
public sealed record StreamAppend(StreamName Stream, ExpectedVersion ExpectedVersion, IReadOnlyList<EventData> Events);
