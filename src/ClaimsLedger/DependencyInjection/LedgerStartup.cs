using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace ClaimsLedger.DependencyInjection;

/// <summary>Opens the ledger while the host starts, when <see cref="LedgerServiceOptions.OpenOnStart"/> says so.</summary>
internal sealed class LedgerStartup(ILedgerProvider provider, IOptions<LedgerServiceOptions> options) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (options.Value.OpenOnStart)
        {
            await provider.GetLedgerAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
