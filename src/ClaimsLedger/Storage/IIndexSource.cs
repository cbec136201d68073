namespace ClaimsLedger.Storage;

/// <summary>
/// A store that can read the global order without the chain hashes, for a ledger building its index (which does not
/// check the chain; <see cref="Integrity.LedgerIntegrity"/> does, through the public reads).
/// </summary>
internal interface IIndexSource
{
    /// <summary>
    /// Every event from <paramref name="from"/> on, in global order, with empty hashes (and, from some stores, empty
    /// metadata, which the index does not read either).
    /// </summary>
    /// <param name="from">The first position to read.</param>
    /// <param name="decode">Whether the store may decode payloads as it reads them (<see cref="IndexRow.Event"/>);
    /// a store that cannot do better than the reader leaves them to it.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    IAsyncEnumerable<IndexRow> ReadAllForIndexAsync(GlobalPosition from, bool decode, CancellationToken cancellationToken);
}
