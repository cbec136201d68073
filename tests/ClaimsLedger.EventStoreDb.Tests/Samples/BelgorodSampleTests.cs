using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Belgorod;
using ClaimsLedger.EventStoreDb.Tests.FakeNode;
using Microsoft.Extensions.Time.Testing;

namespace ClaimsLedger.EventStoreDb.Tests.Samples;

/// <summary>The Belgorod sample's <c>--store esdb://...</c> choice, run against the fake node.</summary>
public sealed class BelgorodSampleTests
{
    [Fact]
    public void An_esdb_connection_string_chooses_the_eventstoredb_store()
    {
        var choice = StoreChoice.Parse(["--store", "esdb://admin:changeit@127.0.0.1:2113?tls=false"]);

        Assert.Equal("esdb", choice.Kind);
        Assert.Equal("esdb://admin:changeit@127.0.0.1:2113?tls=false", choice.Target);
        Assert.Equal("EventStoreDB (streams under belgorod-sample/)", choice.Description);
    }

    [Fact]
    public async Task The_sample_records_the_history_once_and_replays_it_on_the_next_run()
    {
        await using var node = await FakeEventStoreNode.StartAsync();
        var choice = StoreChoice.Parse(["--store", node.ConnectionString()]);
        var clock = new FakeTimeProvider(BelgorodHistory.RecordedAt);

        await using (var store = await choice.OpenAsync(clock))
        {
            var ledger = await Ledger.OpenAsync(store, new LedgerOptions { Clock = clock });
            await ledger.RecordAsync([.. BelgorodHistory.Registrations, .. BelgorodHistory.Statements]);
        }

        await using var again = await choice.OpenAsync(clock);
        var replayed = await Ledger.OpenAsync(again, new LedgerOptions { Clock = clock });
        Assert.Equal(BelgorodHistory.Registrations.Count + BelgorodHistory.Statements.Count, replayed.EventCount);
        Assert.All(node.Log.All().Where(r => r.Stream.Contains(':', StringComparison.Ordinal)),
            r => Assert.StartsWith("belgorod-sample/", r.Stream, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("tls=false&defaultDeadline=5000", "cannot reach EventStoreDB at 127.0.0.1:")]
    [InlineData("tls=false&bogus=1", "EventStoreDB connection string is not valid: unknown key 'bogus'")]
    public async Task A_node_that_cannot_be_opened_is_one_line_on_stderr_and_a_non_zero_exit(string settings, string expected)
    {
        using var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        var port = ((IPEndPoint)socket.LocalEndpoint).Port;
        socket.Stop();
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "Belgorod.dll"), "--store",
            $"esdb://127.0.0.1:{port}?{settings}"])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            WorkingDirectory = Path.GetTempPath(),
        };

        using var sample = Process.Start(start)!;
        var errors = await sample.StandardError.ReadToEndAsync();
        await sample.StandardOutput.ReadToEndAsync();
        await sample.WaitForExitAsync();

        Assert.Equal(3, sample.ExitCode);
        var line = Assert.Single(errors.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("cannot open EventStoreDB (streams under belgorod-sample/): ", line, StringComparison.Ordinal);
        Assert.Contains(expected, line, StringComparison.Ordinal);
    }
}
