namespace ClaimsLedger.EventStoreDb.Tests.Conformance;

/// <summary>
/// A real EventStoreDB / KurrentDB node named by the CLAIMS_ESDB_CONN environment variable. Without it the real-server
/// tests are reported as skipped, with this reason. Each test writes under its own stream prefix and leaves its streams.
/// </summary>
internal static class RealServer
{
    public const string Variable = "CLAIMS_ESDB_CONN";

    public const string SkipReason =
        "CLAIMS_ESDB_CONN is not set: point it at an EventStoreDB/KurrentDB node (e.g. esdb://127.0.0.1:2113?tls=false, " +
        "started with a max append size above 1 MiB, see README) to run the conformance suites against a real server";

    /// <summary>A stream prefix of one test, so tests see only their own streams on the shared server.</summary>
    public static string NewPrefix() => $"claims-ledger-test-{Guid.NewGuid():N}/";

    /// <summary>The connection string, or a skip with the reason when there is no server.</summary>
    public static string Require()
    {
        var value = Environment.GetEnvironmentVariable(Variable);
        Skip.If(string.IsNullOrEmpty(value), SkipReason);
        return value!;
    }
}
