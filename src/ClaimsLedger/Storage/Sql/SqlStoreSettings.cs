namespace ClaimsLedger.Storage.Sql;

/// <summary>Checks of settings that every SQL store has, so the stores' option records word them alike.</summary>
internal static class SqlStoreSettings
{
    /// <summary>Default for <c>SlowQueryThreshold</c>: one second.</summary>
    public static readonly TimeSpan DefaultSlowQueryThreshold = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How far the head's recordedAt may be ahead of a writer's clock before the store warns that its stamps are held
    /// at the head's time (<see cref="SqlStoreLog.ClockBehindHead"/>): more than ordinary skew between synchronised clocks.
    /// </summary>
    public static readonly TimeSpan ClockBehindHeadWarning = TimeSpan.FromSeconds(1);

    /// <exception cref="ArgumentException">Negative and not <see cref="Timeout.InfiniteTimeSpan"/>.</exception>
    public static void CheckSlowQueryThreshold(string options, TimeSpan threshold)
    {
        if (threshold < TimeSpan.Zero && threshold != Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentException(
                $"{options}.SlowQueryThreshold must be zero or more (or Timeout.InfiniteTimeSpan to log none), got {threshold}",
                "SlowQueryThreshold");
        }
    }
}
