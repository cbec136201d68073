using Npgsql;

namespace ClaimsLedger.PostgreSql;

/// <summary>
/// One LISTEN connection per store, started by the first waiting subscription; every notification wakes the store's
/// subscriptions. It reconnects after failures; subscriptions also poll, so an outage only slows them.
/// </summary>
internal sealed class PostgreSqlListener(NpgsqlDataSource dataSource, string channel, Action signal) : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private Task? _loop;

    public void EnsureStarted(CancellationToken disposed)
    {
        if (_loop is null && !disposed.IsCancellationRequested)
        {
            lock (_stop)
            {
                _loop ??= Task.Run(ListenAsync);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        if (_loop is not null)
        {
            await _loop.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        _stop.Dispose();
    }

    private async Task ListenAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                var connection = await dataSource.OpenConnectionAsync(_stop.Token).ConfigureAwait(false);
                await using var _ = connection.ConfigureAwait(false);
                connection.Notification += (_, _) => signal();
                await using (var listen = connection.CreateCommand())
                {
                    listen.CommandText = $"LISTEN {PostgreSqlEventStore.Quote(channel)}";
                    await listen.ExecuteNonQueryAsync(_stop.Token).ConfigureAwait(false);
                }

                signal();
                while (!_stop.IsCancellationRequested)
                {
                    await connection.WaitAsync(_stop.Token).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is NpgsqlException or InvalidOperationException or IOException)
            {
                // The server went away; subscriptions keep polling meanwhile. Try again shortly.
                await Task.Delay(TimeSpan.FromSeconds(1), _stop.Token).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }
}
