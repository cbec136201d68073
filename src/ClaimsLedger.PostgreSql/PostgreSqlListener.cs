using Npgsql;

namespace ClaimsLedger.PostgreSql;

/// <summary>
/// One LISTEN connection per store, started by the first waiting subscription (or the first view, with
/// <see cref="PostgreSqlChangeDetection.Notification"/>); every notification wakes the store's subscriptions. It
/// reconnects after failures; subscriptions also poll, so an outage only slows them.
/// </summary>
/// <remarks>
/// A connection that dies without an error (a NAT or a firewall dropping an idle connection, a server host that froze)
/// would leave the store trusting a silence that means nothing. After <paramref name="keepAlive"/> without a
/// notification the listener asks the connection whether it still listens on the channel; a connection that does not
/// answer within the same time (1-15 s) is dropped and a new one listens. The query also keeps the connection from
/// looking idle to whatever sits in between.
/// </remarks>
internal sealed class PostgreSqlListener(NpgsqlDataSource dataSource, string channel, Action signal, TimeSpan keepAlive)
    : IAsyncDisposable
{
    /// <summary>How long the listening connection may stay silent before it is checked, by default.</summary>
    public static readonly TimeSpan DefaultKeepAlive = TimeSpan.FromSeconds(30);

    private readonly CancellationTokenSource _stop = new();
    private Task? _loop;

    // Notifications received, plus one for every LISTEN that took effect (whatever was committed while not listening
    // is then read by the next catch-up).
    private long _heard;
    private volatile bool _listening;

    /// <summary>
    /// A count that moves on every notification and every (re)connection; null while the connection is not
    /// listening, when the absence of notifications means nothing.
    /// </summary>
    public long? Heard => _listening ? Volatile.Read(ref _heard) : null;

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

    // Throws when the connection does not answer in time (Npgsql then breaks it) or no longer listens on the channel.
    private async Task CheckListeningAsync(NpgsqlConnection connection)
    {
        await using var check = connection.CreateCommand();
        // The channel as a literal, not a parameter, so that an operator finds the listener by it in pg_stat_activity.
        check.CommandText = "SELECT count(*) FROM pg_listening_channels() AS c(name) WHERE c.name = '" +
                            channel.Replace("'", "''", StringComparison.Ordinal) + "'";
        check.CommandTimeout = (int)Math.Clamp(Math.Ceiling(keepAlive.TotalSeconds), 1, 15);
        if (await check.ExecuteScalarAsync(_stop.Token).ConfigureAwait(false) is not 1L)
        {
            throw new InvalidOperationException($"the connection no longer listens on '{channel}'");
        }
    }

    private async Task ListenAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                var connection = await dataSource.OpenConnectionAsync(_stop.Token).ConfigureAwait(false);
                await using var _ = connection.ConfigureAwait(false);
                try
                {
                    connection.Notification += (_, _) =>
                    {
                        Interlocked.Increment(ref _heard);
                        signal();
                    };
                    await using (var listen = connection.CreateCommand())
                    {
                        listen.CommandText = $"LISTEN {PostgreSqlEventStore.Quote(channel)}";
                        await listen.ExecuteNonQueryAsync(_stop.Token).ConfigureAwait(false);
                    }

                    Interlocked.Increment(ref _heard);
                    _listening = true;
                    signal();
                    while (!_stop.IsCancellationRequested)
                    {
                        if (!await connection.WaitAsync(keepAlive, _stop.Token).ConfigureAwait(false))
                        {
                            await CheckListeningAsync(connection).ConfigureAwait(false);
                        }
                    }
                }
                finally
                {
                    // However this connection ends (stop, failure), views must stop trusting it at once.
                    _listening = false;
                }
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception)
            {
                // The server went away, or anything else ended the connection: subscriptions keep polling and views
                // ask the server meanwhile. Try again shortly, so that the listener never ends for good.
                await Task.Delay(TimeSpan.FromSeconds(1), _stop.Token).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }
}
