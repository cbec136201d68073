namespace ClaimsLedger.EventStoreDb.Connection;

/// <summary>Which node of a cluster may serve a call (connection string key <c>nodePreference</c>).</summary>
internal enum NodePreference
{
    Leader,
    Follower,
    Random,
    ReadOnlyReplica,
}

/// <summary>A parsed connection string. Its text form never shows the password.</summary>
internal sealed record ConnectionSettings
{
    public const int DefaultPort = 2113;

    public required string Scheme { get; init; }

    public required string Host { get; init; }

    public int Port { get; init; } = DefaultPort;

    public bool UseTls { get; init; } = true;

    public bool VerifyCertificate { get; init; } = true;

    public string? CaFile { get; init; }

    public string? UserName { get; init; }

    public string? Password { get; init; }

    public string ConnectionName { get; init; } = "ES-" + Guid.NewGuid().ToString("D");

    public TimeSpan DefaultDeadline { get; init; } = TimeSpan.FromSeconds(10);

    public NodePreference NodePreference { get; init; } = NodePreference.Leader;

    /// <summary>HTTP/2 ping interval; null when off (-1).</summary>
    public TimeSpan? KeepAliveInterval { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>HTTP/2 ping timeout; null when off (-1).</summary>
    public TimeSpan? KeepAliveTimeout { get; init; } = TimeSpan.FromSeconds(10);

    public string? UserCertFile { get; init; }

    public string? UserKeyFile { get; init; }

    /// <summary>The gRPC address: https for a secure node, http (h2c with prior knowledge) for an insecure one.</summary>
    public Uri Address => new($"{(UseTls ? "https" : "http")}://{(Host.Contains(':', StringComparison.Ordinal) ? $"[{Host}]" : Host)}:{Port}");

    /// <summary>host:port, for messages.</summary>
    public string Where => Host.Contains(':', StringComparison.Ordinal) ? $"[{Host}]:{Port}" : $"{Host}:{Port}";

    /// <summary>Who the calls run as, for messages (never the password).</summary>
    public string User => UserName is null ? "anonymous (no credentials in the connection string)" : $"user '{UserName}'";

    /// <summary>Sent as <c>requires-leader</c>: true when the node preference is leader.</summary>
    public bool RequiresLeader => NodePreference == NodePreference.Leader;

    /// <inheritdoc/>
    public override string ToString() =>
        $"{Scheme}://{(UserName is null ? "" : UserName + ":***@")}{Where}?tls={UseTls}";
}
