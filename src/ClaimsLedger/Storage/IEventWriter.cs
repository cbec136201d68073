namespace ClaimsLedger.Storage;

/// <summary>Appends events to a store.</summary>
/// <remarks>Implementations are safe to use from many threads and, for durable stores, many processes.</remarks>
public interface IEventWriter
{
    /// <summary>
    /// Appends to one or more streams atomically: every expected version is checked first, then all events are
    /// written with consecutive global positions, or nothing is written.
    /// </summary>
    /// <remarks>
    /// <para>The store assigns positions, stream revisions and recordedAt (from its clock, never earlier than the
    /// last event's recordedAt, so recordedAt never decreases along positions).</para>
    /// <para>Idempotency: when every event of one stream's part already exists in that stream, by id, with the same
    /// type and data, that part writes nothing and reports <see cref="AppendResult.AlreadyPresent"/>, whatever its
    /// expected version. Any other reuse of an existing event id fails with
    /// <see cref="DuplicateEventException"/>.</para>
    /// </remarks>
    /// <returns>One result per element of <paramref name="appends"/>, in the same order.</returns>
    /// <exception cref="WrongExpectedVersionException">A stream was not at its expected version.</exception>
    /// <exception cref="DuplicateEventException">An event id is already used by a different event.</exception>
    /// <exception cref="LedgerStoreException">The store failed; nothing was written.</exception>
    Task<IReadOnlyList<AppendResult>> AppendAsync(IReadOnlyList<StreamAppend> appends,
        CancellationToken cancellationToken = default);
}
