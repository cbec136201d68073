using ClaimsLedger.Storage;

namespace ClaimsLedger.EventStoreDb;

/// <summary>
/// A node answered that it is not the cluster's leader, and the call required the leader (<c>nodePreference=leader</c>,
/// the default). The store follows such a reply to the leader it names (at most twice per call), so this is raised
/// only when the named leader is unknown or cannot be connected to, or after the second redirect. Nothing was written by that
/// call.
/// </summary>
public sealed class NotLeaderException : LedgerStoreException
{
    /// <summary>Creates the exception.</summary>
    public NotLeaderException(string where, string leaderHost, int leaderPort, Exception? innerException = null)
        : base($"EventStoreDB node {where} is not the leader; the leader is {leaderHost}:{leaderPort}: connect to it " +
               "(e.g. esdb://" + leaderHost + ":" + leaderPort + "); nothing was written", innerException)
    {
        LeaderHost = leaderHost;
        LeaderPort = leaderPort;
    }

    /// <summary>The same error, with a message that says what the append wrote.</summary>
    internal NotLeaderException(int leaderPort, string leaderHost, string message, Exception innerException)
        : base(message, innerException)
    {
        LeaderHost = leaderHost;
        LeaderPort = leaderPort;
    }

    /// <summary>The leader's host, as the node reported it.</summary>
    public string LeaderHost { get; }

    /// <summary>The leader's port, as the node reported it.</summary>
    public int LeaderPort { get; }
}
