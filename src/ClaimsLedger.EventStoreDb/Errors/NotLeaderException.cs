using ClaimsLedger.Storage;

namespace ClaimsLedger.EventStoreDb;

/// <summary>
/// A node answered that it is not the cluster's leader, and the call required the leader (<c>nodePreference=leader</c>,
/// the default). Such a reply means the node did nothing with the call. The store follows it to the leader it names (at
/// most twice per call) and sends the same call there; later calls stay on that leader once a call to it got an
/// answer. This exception is raised when the named leader is unknown, after the second redirect, or when the leader
/// cannot be reached (its call failed with UNAVAILABLE, e.g. the follower named a cluster-internal address): then the
/// message names both nodes, the inner exception is the unavailable error, and later calls go to the node that
/// answered not-leader again, not to the unreachable leader.
/// </summary>
public sealed class NotLeaderException : LedgerStoreException
{
    /// <summary>Creates the exception.</summary>
    public NotLeaderException(string where, string leaderHost, int leaderPort, Exception? innerException = null)
        : this(where, leaderHost, leaderPort, Text(where, leaderHost, leaderPort, "the node did nothing with the call"),
            innerException)
    {
    }

    /// <summary>The error with its own message (what the call did, or that the leader could not be reached).</summary>
    internal NotLeaderException(string where, string leaderHost, int leaderPort, string message, Exception? innerException)
        : base(message, innerException)
    {
        Where = where;
        LeaderHost = leaderHost;
        LeaderPort = leaderPort;
    }

    /// <summary>The leader's host, as the node reported it.</summary>
    public string LeaderHost { get; }

    /// <summary>The leader's port, as the node reported it.</summary>
    public int LeaderPort { get; }

    /// <summary>The node that answered not-leader (host:port).</summary>
    internal string Where { get; }

    /// <summary>The reply to one call: a read was not served, an append wrote nothing.</summary>
    internal static NotLeaderException For(string where, string leaderHost, int leaderPort, string operation,
        Exception innerException) => new(where, leaderHost, leaderPort,
        Text(where, leaderHost, leaderPort, operation == "append" ? "nothing was written" : $"the {operation} was not served"),
        innerException);

    /// <summary>
    /// The call this reply redirected to the leader failed because the leader could not be reached: names both nodes,
    /// the unavailable error as the inner exception.
    /// </summary>
    internal static NotLeaderException Unreachable(NotLeaderException reply, string operation, Exception unavailable) => new(
        reply.Where, reply.LeaderHost, reply.LeaderPort,
        $"EventStoreDB node {reply.Where} is not the leader and named {reply.LeaderHost}:{reply.LeaderPort} as the " +
        $"leader, but that node cannot be reached from here ({unavailable.Message}); later calls go to {reply.Where} " +
        "again: connect to the leader at an address this client can reach (a cluster's nodes must advertise such an " +
        (operation == "append"
            ? "address); the follower wrote nothing, and retrying the append with the same events is safe"
            : $"address); the {operation} was not served"),
        unavailable);

    private static string Text(string where, string leaderHost, int leaderPort, string outcome) =>
        $"EventStoreDB node {where} is not the leader; the leader is {leaderHost}:{leaderPort}: connect to it " +
        $"(e.g. esdb://{leaderHost}:{leaderPort}); {outcome}";
}
