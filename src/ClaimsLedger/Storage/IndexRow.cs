using ClaimsLedger.Events;

namespace ClaimsLedger.Storage;

/// <summary>
/// An event read for an index: the event as stored and, when the store decoded its payload while reading it, the
/// decoded event. A decoded row's <see cref="RecordedEvent.Data"/> is empty: the payload was read in place, never
/// copied, and the index does not read it again.
/// </summary>
/// <param name="Recorded">The event as stored.</param>
/// <param name="Event">The decoded payload; null when the reader is to decode it (or it does not decode).</param>
internal readonly record struct IndexRow(RecordedEvent Recorded, LedgerEvent? Event);
