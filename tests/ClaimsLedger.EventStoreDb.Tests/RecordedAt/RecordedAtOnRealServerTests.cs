using ClaimsLedger.EventStoreDb.Tests.Conformance;

namespace ClaimsLedger.EventStoreDb.Tests.RecordedAt;

/// <summary>
/// The clock-skew scenario of <see cref="RecordedAtTests"/> against the real server named by CLAIMS_ESDB_CONN (skipped
/// without one), under a stream prefix of its own, so that its reads of all see only its events.
/// </summary>
public sealed class RecordedAtOnRealServerTests
{
    [SkippableFact]
    public Task RecordedAt_never_decreases_along_all_when_writers_clocks_disagree_on_a_real_server()
    {
        var connectionString = RealServer.Require();
        var prefix = RealServer.NewPrefix();
        return RecordedAtTests.ClockSkewScenario(clock => EventStoreDbEventStore.OpenAsync(new EventStoreDbStoreOptions
        {
            ConnectionString = connectionString,
            StreamPrefix = prefix,
            Clock = clock,
        }));
    }
}
