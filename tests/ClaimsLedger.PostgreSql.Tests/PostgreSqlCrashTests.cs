using ClaimsLedger.Conformance;
using ClaimsLedger.Storage;
using Npgsql;
using static ClaimsLedger.Conformance.StoreTestData;

namespace ClaimsLedger.PostgreSql.Tests;

/// <summary>
/// A client process appends in a loop and is killed with SIGKILL while an append is in flight: the server rolls back
/// its open transaction (or has committed it), so every append it reported is there, the one in flight is there whole
/// or not at all, and the order stays gap-free.
/// </summary>
public sealed class PostgreSqlCrashTests : IAsyncLifetime
{
    private readonly string _schema = TestServer.NewSchema();

    [SkippableFact]
    public async Task A_client_killed_mid_append_loses_no_committed_append_and_leaves_no_partial_one()
    {
        var connection = TestServer.Require();
        var options = new PostgreSqlStoreOptions { ConnectionString = connection, Schema = _schema };
        await using var parent = await PostgreSqlEventStore.OpenAsync(options);

        // The child's sessions carry a name of their own, to be found in pg_stat_activity.
        var name = "claims-crash-" + Guid.NewGuid().ToString("N")[..12];
        var child = new NpgsqlConnectionStringBuilder(connection) { ApplicationName = name }.ToString();

        var outcome = await CrashHost.RunAndKillAsync(["postgres", child, _schema], commitsBeforeKill: 150,
            meanwhile: () => parent.AppendToStreamAsync(NewStream("parent"), ExpectedVersion.NoStream, Batch(2)),
            openTransaction: _ => OpenTransactionAsync(name));

        // The server notices the dead client and rolls back; a new append must get the head lock.
        await parent.AppendToStreamAsync(NewStream("after"), ExpectedVersion.NoStream, Batch(1));
        var events = await parent.ReadAllForwardsAsync(GlobalPosition.Start).ToListAsync();
        // The child was stopped with its session idle inside a transaction, so the kill landed inside it.
        Assert.StartsWith("idle in transaction", outcome.OpenTransaction, StringComparison.Ordinal);
        Assert.NotNull(outcome.InFlight);
        CrashHost.AssertIntact(events, outcome, sequentialPositions: true);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    /// <summary>
    /// Whether a session named <paramref name="applicationName"/> is inside a transaction, once the server has finished
    /// any statement it was running (the client is stopped, so it sends nothing more): "idle in transaction since …",
    /// or null.
    /// </summary>
    private static async Task<string?> OpenTransactionAsync(string applicationName)
    {
        await using var connection = new NpgsqlConnection(TestServer.Require());
        await connection.OpenAsync();
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            await using var command = new NpgsqlCommand(
                "SELECT state, xact_start FROM pg_stat_activity WHERE application_name = @name", connection);
            command.Parameters.AddWithValue("name", applicationName);
            var sessions = new List<(string? State, DateTime? Start)>();
            await using (var reader = await command.ExecuteReaderAsync())
            {
                while (await reader.ReadAsync())
                {
                    sessions.Add((reader.IsDBNull(0) ? null : reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetDateTime(1)));
                }
            }

            if (sessions.Any(s => s.State == "active") && waited.Elapsed < TimeSpan.FromSeconds(5))
            {
                await Task.Delay(20);
                continue;
            }

            return sessions.FirstOrDefault(s => s.State == "idle in transaction" && s.Start is not null) is { Start: { } start }
                ? $"idle in transaction since {start:O}"
                : null;
        }
    }

    public Task DisposeAsync() => TestServer.DropSchemaAsync(_schema);
}
