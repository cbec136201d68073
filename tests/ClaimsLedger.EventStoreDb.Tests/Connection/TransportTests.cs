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
