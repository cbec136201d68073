using ClaimsLedger.EventStoreDb.Connection;

namespace ClaimsLedger.EventStoreDb.Tests.Connection;

/// <summary>Connection strings in EventStoreDB's usual form (protocol sheet, section 8).</summary>
public sealed class ConnectionStringTests
{
    [Fact]
    public void A_bare_node_uses_the_defaults()
    {
        var settings = ConnectionString.Parse("esdb://db.example");

        Assert.Equal("db.example", settings.Host);
        Assert.Equal(2113, settings.Port);
        Assert.True(settings.UseTls);
        Assert.True(settings.VerifyCertificate);
        Assert.True(settings.RequiresLeader);
        Assert.Null(settings.UserName);
        Assert.Equal(TimeSpan.FromSeconds(10), settings.DefaultDeadline);
        Assert.StartsWith("ES-", settings.ConnectionName, StringComparison.Ordinal);
        Assert.Equal(new Uri("https://db.example:2113"), settings.Address);
    }

    [Fact]
    public void Tls_false_speaks_plain_http2_to_an_insecure_node()
    {
        var settings = ConnectionString.Parse("esdb://127.0.0.1:2113?tls=false");

        Assert.False(settings.UseTls);
        Assert.Equal(new Uri("http://127.0.0.1:2113"), settings.Address);
    }

    [Fact]
    public void User_info_becomes_basic_credentials_and_is_url_decoded()
    {
        var settings = ConnectionString.Parse("esdb://admin:chan%40geit@localhost:2114/?tls=false");

        Assert.Equal("admin", settings.UserName);
        Assert.Equal("chan@geit", settings.Password);
        Assert.Equal(2114, settings.Port);
        Assert.DoesNotContain("chan", settings.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("esdb")]
    [InlineData("kurrentdb")]
    [InlineData("kurrent")]
    [InlineData("kdb")]
    [InlineData("KurrentDB")]
    public void Every_scheme_of_the_kurrent_era_is_accepted(string scheme) =>
        Assert.Equal("node", ConnectionString.Parse($"{scheme}://node:1234").Host);

    [Fact]
    public void Every_key_is_read_and_keys_are_case_insensitive()
    {
        var settings = ConnectionString.Parse(
            "esdb://node?TLS=true&tlsverifycert=FALSE&TlsCaFile=/etc/ca.pem&connectionName=desk-1&defaultDeadline=2500" +
            "&nodePreference=follower&keepAliveInterval=-1&keepAliveTimeout=3000&throwOnAppendFailure=true" +
            "&userCertFile=/c.pem&userKeyFile=/k.pem&maxDiscoverAttempts=3&discoveryInterval=50&gossipTimeout=100");

        Assert.True(settings.UseTls);
        Assert.False(settings.VerifyCertificate);
        Assert.Equal("/etc/ca.pem", settings.CaFile);
        Assert.Equal("desk-1", settings.ConnectionName);
        Assert.Equal(TimeSpan.FromMilliseconds(2500), settings.DefaultDeadline);
        Assert.Equal(NodePreference.Follower, settings.NodePreference);
        Assert.False(settings.RequiresLeader);
        Assert.Null(settings.KeepAliveInterval);
        Assert.Equal(TimeSpan.FromSeconds(3), settings.KeepAliveTimeout);
        Assert.Equal(("/c.pem", "/k.pem"), (settings.UserCertFile, settings.UserKeyFile));
    }

    [Fact]
    public void An_ipv6_host_goes_in_brackets()
    {
        var settings = ConnectionString.Parse("esdb://[::1]:2115?tls=false");

        Assert.Equal("::1", settings.Host);
        Assert.Equal(new Uri("http://[::1]:2115"), settings.Address);
    }

    [Theory]
    [InlineData("esdb://node?colour=blue", "unknown key 'colour'")]
    [InlineData("esdb://node?tls=maybe", "key 'tls' must be true or false, got 'maybe'")]
    [InlineData("esdb://node?tls=false&TLS=true", "key 'TLS' appears twice")]
    [InlineData("esdb://node?defaultDeadline=soon", "key 'defaultDeadline' must be a whole number of milliseconds")]
    [InlineData("esdb://node?defaultDeadline=0", "key 'defaultDeadline' must be above 0")]
    [InlineData("esdb://node?nodePreference=closest", "key 'nodePreference' must be leader, follower")]
    [InlineData("esdb://node?tls", "'tls' is not key=value")]
    [InlineData("esdb://node?userCertFile=/c.pem", "userCertFile and userKeyFile go together")]
    [InlineData("esdb://node?throwOnAppendFailure=false", "throwOnAppendFailure=false is not supported")]
    [InlineData("esdb://node:99999", "port '99999' is not a number between 1 and 65535")]
    [InlineData("esdb://node:abc", "port 'abc'")]
    [InlineData("esdb://node/path", "only '/' may follow the host")]
    [InlineData("esdb://a:2113,b:2113", "several hosts are gossip seeds")]
    [InlineData("esdb+discover://node", "scheme 'esdb+discover' asks for gossip discovery")]
    [InlineData("http://node", "unknown scheme 'http'")]
    [InlineData("node:2113", "it must start with esdb://")]
    [InlineData("esdb://admin@node", "the part before '@' must be user:password")]
    [InlineData("esdb://?tls=false", "it names no host")]
    public void A_bad_connection_string_is_refused_naming_the_part(string connectionString, string reason)
    {
        var error = Assert.Throws<ArgumentException>(() => ConnectionString.Parse(connectionString));

        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_error_never_shows_the_password()
    {
        var error = Assert.Throws<ArgumentException>(() => ConnectionString.Parse("esdb://admin:s3cret@node?bogus=1"));

        Assert.DoesNotContain("s3cret", error.Message, StringComparison.Ordinal);
    }
}
