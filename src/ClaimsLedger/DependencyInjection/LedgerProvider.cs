using ClaimsLedger.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ClaimsLedger.DependencyInjection;

/// <summary>Opens the chosen store and the ledger once, on first use; disposes the store with the container.</summary>
internal sealed class LedgerProvider(IServiceProvider services) : ILedgerProvider, IAsyncDisposable, IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private Ledger? _ledger;
    private IEventStore? _store;
    private bool _disposed;

    public async ValueTask<Ledger> GetLedgerAsync(CancellationToken cancellationToken = default)
    {
        if (Volatile.Read(ref _ledger) is { } opened)
        {
            return opened;
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_ledger is not null)
            {
                return _ledger;
            }

            var settings = services.GetRequiredService<IOptions<LedgerServiceOptions>>().Value;
            var registration = services.GetServices<LedgerStoreRegistration>().LastOrDefault()
                               ?? throw new InvalidOperationException(LedgerStoreChosenValidator.NoStore);
            var context = LedgerStoreContext.From(services);
            var store = await registration.Open(context, cancellationToken).ConfigureAwait(false);
            try
            {
                var options = settings.ToLedgerOptions(context, services.GetServices<ILedgerObserver>());
                var ledger = await Ledger.OpenAsync(store, options, cancellationToken).ConfigureAwait(false);
                _store = store;
                Volatile.Write(ref _ledger, ledger);
                return ledger;
            }
            catch
            {
                await store.DisposeAsync().ConfigureAwait(false);
                throw;
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            if (_store is not null)
            {
                await _store.DisposeAsync().ConfigureAwait(false);
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    // Containers disposed synchronously call this; the stores' disposal does not block on I/O.
    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();
}
