using ClaimsLedger.Storage;

namespace ClaimsLedger.EventStoreDb;

/// <summary>
/// The node named in the connection string is not the cluster's leader, and the call required the leader
/// (<c>nodePreference=leader</c>, the default). Connect to the leader it names. Nothing was written.
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
