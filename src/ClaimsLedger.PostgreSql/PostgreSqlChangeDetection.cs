namespace ClaimsLedger.PostgreSql;

/// <summary>
/// How a ledger on a PostgreSQL store learns, before a view, that another process appended events
/// (<see cref="PostgreSqlStoreOptions.ChangeDetection"/>).
/// </summary>
public enum PostgreSqlChangeDetection
{
    /// <summary>
    /// Before every view the ledger asks the server for events after the last one it holds: a view sees every event
    /// committed before it began, at the cost of one round trip to the server per view. The default.
    /// </summary>
    Query = 0,

    /// <summary>
    /// The ledger asks the server only after the server has notified an append (<c>LISTEN</c>/<c>NOTIFY</c> on the
    /// store's channel), after the listening connection (re)connects, and at least once every
    /// <see cref="PostgreSqlStoreOptions.NotificationMaxLag"/>: while nothing changes, a view makes no round trip. This
    /// process's own appends show at once; another process's show once its notification arrives, which is after its
    /// commit, so a view that starts in between does not show it yet. While the listening connection is down every
    /// view asks the server, as with <see cref="Query"/>.
    /// </summary>
    Notification = 1,
}
