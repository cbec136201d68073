using System.Globalization;

namespace ClaimsLedger.EventStoreDb.Connection;

/// <summary>The <c>key=value</c> settings after '?' in a connection string; keys are case-insensitive.</summary>
internal static class ConnectionOptions
{
    public static ConnectionSettings Apply(ConnectionSettings settings, string query)
    {
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var pair in query.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                throw ConnectionString.Error($"'{pair}' is not key=value");
            }

            var key = pair[..equals];
            var value = Uri.UnescapeDataString(pair[(equals + 1)..]);
            if (!seen.Add(key))
            {
                throw ConnectionString.Error($"key '{key}' appears twice");
            }

            settings = Set(settings, key, value);
        }

        if ((settings.UserCertFile is null) != (settings.UserKeyFile is null))
        {
            throw ConnectionString.Error("userCertFile and userKeyFile go together: give both or neither");
        }

        return settings;
    }

    private static ConnectionSettings Set(ConnectionSettings s, string key, string value) => key.ToLowerInvariant() switch
    {
        "tls" => s with { UseTls = Bool(key, value) },
        "tlsverifycert" => s with { VerifyCertificate = Bool(key, value) },
        "tlscafile" => s with { CaFile = Required(key, value) },
        "connectionname" => s with { ConnectionName = Required(key, value) },
        "defaultdeadline" => s with { DefaultDeadline = Milliseconds(key, value, allowOff: false)!.Value },
        "nodepreference" => s with { NodePreference = Preference(key, value) },
        "keepaliveinterval" => s with { KeepAliveInterval = Milliseconds(key, value, allowOff: true) },
        "keepalivetimeout" => s with { KeepAliveTimeout = Milliseconds(key, value, allowOff: true) },
        "usercertfile" => s with { UserCertFile = Required(key, value) },
        "userkeyfile" => s with { UserKeyFile = Required(key, value) },
        "throwonappendfailure" => Bool(key, value)
            ? s
            : throw ConnectionString.Error("throwOnAppendFailure=false is not supported: the ledger store always reports a " +
                                           "conflict as WrongExpectedVersionException"),
        // Valid EventStoreDB settings; with one node and no discovery they have no effect here.
        "maxdiscoverattempts" or "discoveryinterval" or "gossiptimeout" => Unchanged(s, Milliseconds(key, value, allowOff: false)),
        _ => throw ConnectionString.Error(
            $"unknown key '{key}' (known: tls, tlsVerifyCert, tlsCaFile, connectionName, defaultDeadline, nodePreference, " +
            "keepAliveInterval, keepAliveTimeout, throwOnAppendFailure, userCertFile, userKeyFile, maxDiscoverAttempts, " +
            "discoveryInterval, gossipTimeout)"),
    };

    private static ConnectionSettings Unchanged(ConnectionSettings s, TimeSpan? validated) => validated is null ? s : s;

    private static bool Bool(string key, string value) => value.ToLowerInvariant() switch
    {
        "true" => true,
        "false" => false,
        _ => throw ConnectionString.Error($"key '{key}' must be true or false, got '{value}'"),
    };

    private static string Required(string key, string value) =>
        value.Length > 0 ? value : throw ConnectionString.Error($"key '{key}' needs a value");

    private static TimeSpan? Milliseconds(string key, string value, bool allowOff)
    {
        if (!int.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var ms))
        {
            throw ConnectionString.Error($"key '{key}' must be a whole number of milliseconds, got '{value}'");
        }

        return ms switch
        {
            -1 when allowOff => null,
            > 0 => TimeSpan.FromMilliseconds(ms),
            _ => throw ConnectionString.Error($"key '{key}' must be above 0{(allowOff ? " (or -1 for off)" : "")}, got {ms}"),
        };
    }

    private static NodePreference Preference(string key, string value) => value.ToLowerInvariant() switch
    {
        "leader" => NodePreference.Leader,
        "follower" => NodePreference.Follower,
        "random" => NodePreference.Random,
        "readonlyreplica" => NodePreference.ReadOnlyReplica,
        _ => throw ConnectionString.Error($"key '{key}' must be leader, follower, random or readOnlyReplica, got '{value}'"),
    };
}
