using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using ClaimsLedger.EventStoreDb.Tests.FakeNode;
using ClaimsLedger.Storage;
using static ClaimsLedger.Conformance.StoreTestData;

namespace ClaimsLedger.EventStoreDb.Tests.Connection;

/// <summary>TLS, the headers every call carries (protocol sheet, section 7), deadlines and cancellation.</summary>
public sealed class TransportTests
{
    [Fact]
    public async Task Every_call_says_it_requires_the_leader_and_names_the_connection()
    {
        await using var node = await FakeEventStoreNode.StartAsync();
        await using var store = await EventStoreDbEventStore.OpenAsync(node.ConnectionString("connectionName=newsroom-desk"));

        await store.AppendToStreamAsync(NewStream("headers"), ExpectedVersion.NoStream, Batch(1));

        Assert.Contains(node.Service.Calls, call => call.Method == "Append");
        Assert.All(node.Service.Calls, call =>
        {
            Assert.Equal("true", call.Headers.GetValue("requires-leader"));
            Assert.Equal("newsroom-desk", call.Headers.GetValue("connection-name"));
            Assert.Null(call.Headers.GetValue("authorization"));
        });
    }

    [Fact]
    public async Task Finite_calls_carry_the_default_deadline()
    {
        await using var node = await FakeEventStoreNode.StartAsync();
        var before = DateTime.UtcNow;
        await using var store = await EventStoreDbEventStore.OpenAsync(node.ConnectionString("defaultDeadline=60000"));

        var (_, _, deadline) = Assert.Single(node.Service.Calls);

        Assert.InRange(deadline, before.AddSeconds(50), before.AddSeconds(70));
    }

    [Fact]
    public async Task A_consumer_slower_than_the_deadline_reads_to_the_end()
    {
        await using var node = await FakeEventStoreNode.StartAsync();
        await using var store = await EventStoreDbEventStore.OpenAsync(node.ConnectionString("defaultDeadline=1000"));
        var stream = NewStream("slow-reader");
        await store.AppendToStreamAsync(stream, ExpectedVersion.NoStream, Batch(3));

        var read = new List<long>();
        await foreach (var e in store.ReadStreamForwardsAsync(stream))
        {
            read.Add(e.StreamVersion);
            if (read.Count == 1)
            {
                await Task.Delay(1500); // past the deadline of the call that read this page
            }
        }

        var all = 0;
        await foreach (var e in store.ReadAllForwardsAsync(GlobalPosition.Start))
        {
            if (++all == 1)
            {
                await Task.Delay(1500);
            }
        }

        Assert.Equal([0L, 1, 2], read);
        Assert.Equal(3, all);
    }

    [Fact]
    public async Task A_secure_node_is_reached_over_tls_when_its_certificate_is_trusted_through_tlsCaFile()
    {
        using var certificate = SelfSigned();
        await using var node = await FakeEventStoreNode.StartAsync(certificate);
        var caFile = Path.GetTempFileName();
        await File.WriteAllTextAsync(caFile, certificate.ExportCertificatePem());
        try
        {
            await using var store = await EventStoreDbEventStore.OpenAsync($"esdb://127.0.0.1:{node.Port}?tlsCaFile={caFile}");

            await store.AppendToStreamAsync(NewStream("secure"), ExpectedVersion.NoStream, Batch(1));
        }
        finally
        {
            File.Delete(caFile);
        }
    }

    [Fact]
    public async Task A_node_certificate_issued_by_the_tlsCaFile_authority_is_trusted()
    {
        using var authority = Authority("claims-ledger-test-ca", issuer: null);
        using var leaf = Leaf(authority, IPAddress.Loopback);

        await AssertTrustedAsync(leaf, authority, chain: null);
    }

    [Fact]
    public async Task A_node_certificate_issued_by_an_intermediate_ca_the_node_presents_is_trusted_through_tlsCaFile()
    {
        using var root = Authority("claims-ledger-test-root", issuer: null);
        using var intermediate = Authority("claims-ledger-test-intermediate", root);
        using var leaf = Leaf(intermediate, IPAddress.Loopback);

        await AssertTrustedAsync(leaf, root, chain: [intermediate]);
    }

    [Fact]
    public async Task A_node_certificate_for_another_host_name_is_refused_though_issued_by_tlsCaFile()
    {
        using var authority = Authority("claims-ledger-test-ca", issuer: null);
        using var leaf = Leaf(authority, IPAddress.Parse("192.0.2.7"));
        await using var node = await FakeEventStoreNode.StartAsync(leaf);
        var caFile = await WritePemAsync(authority);
        try
        {
            var error = await Assert.ThrowsAsync<StoreUnavailableException>(() =>
                EventStoreDbEventStore.OpenAsync($"esdb://127.0.0.1:{node.Port}?tlsCaFile={caFile}"));

            Assert.Contains($"127.0.0.1:{node.Port} (tls=true)", error.Message, StringComparison.Ordinal);
            Assert.Empty(node.Service.Calls);
        }
        finally
        {
            File.Delete(caFile);
        }
    }

    [Fact]
    public async Task TlsVerifyCert_false_accepts_any_certificate()
    {
        using var certificate = SelfSigned();
        await using var node = await FakeEventStoreNode.StartAsync(certificate);

        await using var store = await EventStoreDbEventStore.OpenAsync($"esdb://127.0.0.1:{node.Port}?tlsVerifyCert=false");

        Assert.Empty(await store.ReadStreamForwardsAsync(NewStream("secure")).ToListAsync());
    }

    [Fact]
    public async Task An_untrusted_certificate_is_refused_as_unavailable()
    {
        using var certificate = SelfSigned();
        await using var node = await FakeEventStoreNode.StartAsync(certificate);

        var error = await Assert.ThrowsAsync<StoreUnavailableException>(() =>
            EventStoreDbEventStore.OpenAsync($"esdb://127.0.0.1:{node.Port}"));

        Assert.Contains($"127.0.0.1:{node.Port} (tls=true)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_ca_file_is_refused_naming_the_key()
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(() =>
            EventStoreDbEventStore.OpenAsync("esdb://127.0.0.1:1?tlsCaFile=/nonexistent/ca.pem"));

        Assert.Contains("tlsCaFile '/nonexistent/ca.pem' cannot be used", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cancelling_a_read_stops_it_with_operation_cancelled()
    {
        await using var node = await FakeEventStoreNode.StartAsync();
        await using var store = await EventStoreDbEventStore.OpenAsync(node.ConnectionString());
        node.Settings.Stall = true;
        using var cancel = new CancellationTokenSource();

        var reading = store.ReadStreamForwardsAsync(NewStream("stalled"), cancel.Token).ToListAsync().AsTask();
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => reading);
    }

    private static async Task AssertTrustedAsync(X509Certificate2 leaf, X509Certificate2 authority, X509Certificate2Collection? chain)
    {
        await using var node = await FakeEventStoreNode.StartAsync(leaf, chain: chain);
        var caFile = await WritePemAsync(authority);
        try
        {
            await using var store = await EventStoreDbEventStore.OpenAsync($"esdb://127.0.0.1:{node.Port}?tlsCaFile={caFile}");

            var written = await store.AppendToStreamAsync(NewStream("secure"), ExpectedVersion.NoStream, Batch(1));
            Assert.Equal(0, written.LastVersion);
        }
        finally
        {
            File.Delete(caFile);
        }
    }

    private static async Task<string> WritePemAsync(X509Certificate2 certificate)
    {
        var file = Path.GetTempFileName();
        await File.WriteAllTextAsync(file, certificate.ExportCertificatePem());
        return file;
    }

    // A CA: self-signed when issuer is null, else issued by it.
    private static X509Certificate2 Authority(string name, X509Certificate2? issuer)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        return issuer is null
            ? Reloaded(request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-2), DateTimeOffset.UtcNow.AddDays(2)))
            : Issued(request, issuer, key);
    }

    // A node certificate for one IP address, issued by the authority.
    private static X509Certificate2 Leaf(X509Certificate2 issuer, IPAddress address)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=eventstoredb-node", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(address);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, false));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        return Issued(request, issuer, key);
    }

    private static X509Certificate2 Issued(CertificateRequest request, X509Certificate2 issuer, ECDsa key)
    {
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(issuer, true, false));
        using var issued = request.Create(issuer, DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1),
            RandomNumberGenerator.GetBytes(8));
        return Reloaded(issued.CopyWithPrivateKey(key));
    }

    private static X509Certificate2 Reloaded(X509Certificate2 created)
    {
        using (created)
        {
            return X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pkcs12), null);
        }
    }

    private static X509Certificate2 SelfSigned()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=fake-eventstoredb", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        names.AddDnsName("localhost");
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        using var created = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        return X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pkcs12), null);
    }
}
