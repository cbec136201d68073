using ClaimsLedger.EventStoreDb.Chain;
using ClaimsLedger.Storage;

namespace ClaimsLedger.EventStoreDb.Writing;

/// <summary>What an append does about the hash chain: seal what its results cover, and say so when that fails.</summary>
internal static class AppendSealing
{
    /// <summary>
    /// Seals the events of an append: up to the last position its results report, written now or before
    /// (<paramref name="writing"/>: the append wrote, between <see cref="ChainSealer.EnterWrite"/> and its exit).
    /// </summary>
    /// <exception cref="LedgerStoreException">The chain stream could not be read or written.</exception>
    public static Task SealAsync(this ChainSealer sealer, IEnumerable<AppendResult?> results, bool writing,
        CancellationToken cancellationToken)
    {
        var parts = results.Where(r => r is not null && r.LastPosition != GlobalPosition.Start).Select(r => r!).ToList();
        return parts.Count == 0
            ? Task.CompletedTask
            : sealer.SealAsync(parts.Max(r => r.LastPosition), parts.Min(r => r.FirstPosition), writing, cancellationToken);
    }

    /// <summary>Seals what an append that failed midway wrote, if it can; otherwise the next append seals it.</summary>
    public static async Task TrySealAsync(this ChainSealer sealer, IEnumerable<AppendResult?> results)
    {
        try
        {
            await sealer.SealAsync(results, writing: true, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception e) when (e is LedgerStoreException or ObjectDisposedException)
        {
            // The append's own error is the one to report.
        }
    }

    /// <summary>The error for an append that was written but not sealed; an unavailable node stays recognisable.</summary>
    public static LedgerStoreException NotSealed(LedgerStoreException error)
    {
        var message = "the append was written, but sealing it into the ledger's hash chain failed, so it reads back " +
                      "unhashed until a later append seals it (retrying this append with the same events does): " +
                      error.Message;
        return error is StoreUnavailableException
            ? new StoreUnavailableException(message, error)
            : new LedgerStoreException(message, error);
    }
}
