namespace ClaimsLedger.DependencyInjection;

/// <summary>
/// The container's ledger. Opening a store is asynchronous (files, servers, schema upgrades), so the ledger is not
/// itself a service: inject this and await <see cref="GetLedgerAsync"/>.
/// </summary>
/// <remarks>
/// <para>A singleton: the store and the ledger are opened once, with the container's clock, loggers and meter — at
/// host start when <see cref="LedgerServiceOptions.OpenOnStart"/> is set, else by the first call. Concurrent first
/// calls share one opening; a failed opening is not remembered, so the next call tries again. Disposing the
/// container disposes the store.</para>
/// <para>Thread-safe.</para>
/// </remarks>
public interface ILedgerProvider
{
    /// <summary>The ledger, opened on first use.</summary>
    /// <exception cref="Microsoft.Extensions.Options.OptionsValidationException">A setting is invalid; the message names
    /// it.</exception>
    /// <exception cref="InvalidOperationException">No store was chosen on the builder.</exception>
    /// <exception cref="LedgerException">The store could not be opened (see the store's exceptions).</exception>
    /// <exception cref="ObjectDisposedException">The container was disposed.</exception>
    ValueTask<Ledger> GetLedgerAsync(CancellationToken cancellationToken = default);
}
