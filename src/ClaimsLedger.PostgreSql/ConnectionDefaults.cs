using System.Data.Common;
using Npgsql;

namespace ClaimsLedger.PostgreSql;

/// <summary>
/// Npgsql settings the store's own connection pool defaults differently from Npgsql; a value written in the
/// connection string always wins, even when it is Npgsql's default.
/// </summary>
internal static class ConnectionDefaults
{
    /// <summary>Prepared statements kept per connection when the connection string does not say.</summary>
    public const int MaxAutoPrepare = 32;

    public static void Apply(NpgsqlConnectionStringBuilder builder, string connectionString)
    {
        var written = WrittenKeys(connectionString);

        // The store runs the same few statements over and over (a catch-up before every view): Npgsql prepares them
        // once per connection instead of having the server parse and plan each one.
        if (!written.Contains("maxautoprepare"))
        {
            builder.MaxAutoPrepare = MaxAutoPrepare;
        }

        // Npgsql resets a pooled connection's session when it is next used (with prepared statements: RESET ALL,
        // CLOSE ALL, UNLISTEN *, advisory unlocks, DISCARD SEQUENCES and TEMP, in the same round trip). Only this
        // store uses its pool, and it leaves no session state behind (transaction-scoped locks, no SET, no temporary
        // tables; the LISTEN connection goes back only broken, or when the store and its pool are disposed), so the
        // reset guards nothing and doubled the time of the one query a view makes (~400 -> ~160 us, 2026-11-30).
        if (!written.Contains("noresetonclose"))
        {
            builder.NoResetOnClose = true;
        }
    }

    // Keys as written, without spaces and in lower case: "No Reset On Close" and "NoResetOnClose" are one setting.
    private static HashSet<string> WrittenKeys(string connectionString)
    {
        var parsed = new DbConnectionStringBuilder { ConnectionString = connectionString };
        return [.. parsed.Keys.Cast<string>().Select(k => k.Replace(" ", string.Empty, StringComparison.Ordinal).ToLowerInvariant())];
    }
}
