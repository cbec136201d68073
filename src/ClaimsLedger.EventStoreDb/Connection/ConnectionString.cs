using System.Globalization;

namespace ClaimsLedger.EventStoreDb.Connection;

/// <summary>
/// Parses EventStoreDB's connection strings: <c>scheme://[user:password@]host[:port][/]?key=value&amp;...</c>, keys
/// case-insensitive, an unknown key is an error naming it. One node only: gossip discovery is not implemented.
/// </summary>
internal static class ConnectionString
{
    private static readonly string[] Schemes = ["esdb", "kurrentdb", "kurrent", "kdb"];

    /// <exception cref="ArgumentException">The string is malformed; the message names the part (never the password).</exception>
    public static ConnectionSettings Parse(string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        var schemeEnd = connectionString.IndexOf("://", StringComparison.Ordinal);
        if (schemeEnd <= 0)
        {
            throw Error("it must start with esdb:// (or kurrentdb://, kurrent://, kdb://)");
        }

        var scheme = connectionString[..schemeEnd].ToLowerInvariant();
        if (scheme.EndsWith("+discover", StringComparison.Ordinal) && Schemes.Contains(scheme[..^"+discover".Length]))
        {
            throw Error($"scheme '{scheme}' asks for gossip discovery, which this store does not implement: " +
                        "name one node with esdb://host:port");
        }

        if (!Schemes.Contains(scheme))
        {
            throw Error($"unknown scheme '{scheme}': use esdb, kurrentdb, kurrent or kdb");
        }

        var rest = connectionString[(schemeEnd + 3)..];
        var queryStart = rest.IndexOf('?', StringComparison.Ordinal);
        var authority = (queryStart < 0 ? rest : rest[..queryStart]).TrimEnd('/');
        if (authority.Contains('/', StringComparison.Ordinal))
        {
            throw Error("only '/' may follow the host and port, before '?'");
        }

        var (user, password, hosts) = SplitUserInfo(authority);
        if (hosts.Contains(',', StringComparison.Ordinal))
        {
            throw Error("several hosts are gossip seeds for cluster discovery, which this store does not implement: " +
                        "name one node");
        }

        var (host, port) = SplitHost(hosts);
        var settings = new ConnectionSettings { Scheme = scheme, Host = host, Port = port, UserName = user, Password = password };
        return queryStart < 0 ? settings : ConnectionOptions.Apply(settings, rest[(queryStart + 1)..]);
    }

    internal static ArgumentException Error(string reason) =>
        new($"EventStoreDB connection string is not valid: {reason}", "connectionString");

    private static (string? User, string? Password, string Hosts) SplitUserInfo(string authority)
    {
        var at = authority.LastIndexOf('@');
        if (at < 0)
        {
            return (null, null, authority);
        }

        var userInfo = authority[..at];
        var colon = userInfo.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0)
        {
            throw Error("the part before '@' must be user:password");
        }

        return (Uri.UnescapeDataString(userInfo[..colon]), Uri.UnescapeDataString(userInfo[(colon + 1)..]), authority[(at + 1)..]);
    }

    private static (string Host, int Port) SplitHost(string text)
    {
        string host;
        string? port = null;
        if (text.StartsWith('['))
        {
            var close = text.IndexOf(']', StringComparison.Ordinal);
            if (close < 0)
            {
                throw Error($"host '{text}' opens '[' without closing it");
            }

            host = text[1..close];
            var after = text[(close + 1)..];
            port = after.Length == 0 ? null : after.StartsWith(':') ? after[1..] : throw Error($"unexpected '{after}' after host '[{host}]'");
        }
        else
        {
            var colon = text.IndexOf(':', StringComparison.Ordinal);
            host = colon < 0 ? text : text[..colon];
            port = colon < 0 ? null : text[(colon + 1)..];
        }

        if (host.Length == 0)
        {
            throw Error("it names no host");
        }

        if (port is null)
        {
            return (host, ConnectionSettings.DefaultPort);
        }

        return int.TryParse(port, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number is > 0 and < 65536
            ? (host, number)
            : throw Error($"port '{port}' is not a number between 1 and 65535");
    }
}
