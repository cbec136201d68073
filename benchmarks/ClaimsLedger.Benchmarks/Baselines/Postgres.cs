using System.Globalization;
using Npgsql;

namespace ClaimsLedger.Benchmarks.Baselines;

/// <summary>The PostgreSQL server named by CLAIMS_PG_CONN (as started by .ci/with-postgres.sh), and scratch schemas on it.</summary>
internal static class Postgres
{
    public static string? ConnectionString =>
        Environment.GetEnvironmentVariable("CLAIMS_PG_CONN") is { Length: > 0 } value ? value : null;

    /// <summary>A schema name unique to this process and purpose, e.g. bench_ours_1234.</summary>
    public static string Schema(string purpose) =>
        string.Create(CultureInfo.InvariantCulture, $"bench_{purpose}_{Environment.ProcessId}");

    public static async Task DropSchemaAsync(string connectionString, string schema)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP SCHEMA IF EXISTS \"{schema}\" CASCADE", connection);
        await drop.ExecuteNonQueryAsync();
    }

    /// <summary>The server's clock, read after a commit: a recorded-time bound between two batches.</summary>
    public static async Task<DateTimeOffset> ClockAsync(NpgsqlDataSource source, CancellationToken cancellationToken)
    {
        await using var command = source.CreateCommand("SELECT clock_timestamp()");
        var value = await command.ExecuteScalarAsync(cancellationToken);
        return value switch
        {
            DateTime utc => new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc)),
            DateTimeOffset offset => offset,
            _ => throw new InvalidOperationException($"clock_timestamp() returned {value?.GetType().Name}"),
        };
    }
}
