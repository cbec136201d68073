using System.Diagnostics;
using System.Globalization;
using ClaimsLedger.Events;
using ClaimsLedger.Telemetry;
using ClaimsLedger.Views;
using Microsoft.Extensions.Time.Testing;
using Npgsql;

namespace ClaimsLedger.PostgreSql.Tests;

/// <summary>
/// <see cref="PostgreSqlStoreOptions.ChangeDetection"/>: whether a view asks the server for other writers' appends
/// every time, or only once an append is notified (or the longest trusted quiet has passed).
/// </summary>
/// <remarks>
/// A round trip shows as a <c>ClaimsLedger.CatchUp</c> activity: a view whose store reports no change returns before
/// starting one. Activities are counted under a root activity of each test's own, since other tests run meanwhile.
/// </remarks>
public sealed class PostgreSqlChangeDetectionTests : IAsyncLifetime
{
    private static readonly ActivitySource TestSource = new("ClaimsLedger.PostgreSql.Tests.ChangeDetection");
    private static readonly DateTimeOffset Start = new(2023, 6, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly SaidAt May22 = SaidAt.Day(2023, 5, 22);

    private readonly string _schema = TestServer.NewSchema();
    private readonly FakeTimeProvider _clock = new(Start);

    [SkippableFact]
    public async Task By_default_every_view_asks_the_server()
    {
        await using var store = await OpenAsync(PostgreSqlChangeDetection.Query);
        var ledger = await Ledger.OpenAsync(store, new LedgerOptions { Clock = _clock });
        await ledger.RecordAsync(Registrations());

        using var roundTrips = new RoundTrips();
        for (var i = 0; i < 5; i++)
        {
            await ledger.GetClaimAsync("claim", ledger.Now());
        }

        Assert.Equal(5, roundTrips.Count);
    }

    [SkippableFact]
    public async Task By_default_a_view_with_nothing_new_asks_only_for_the_head_and_reads_rows_once_there_are_some()
    {
        await using var store = await OpenAsync(PostgreSqlChangeDetection.Query);
        await using var other = await OpenAsync(PostgreSqlChangeDetection.Query);
        var ledger = await Ledger.OpenAsync(store, new LedgerOptions { Clock = _clock });
        await ledger.RecordAsync(Registrations());
        await ledger.GetClaimAsync("claim", ledger.Now());

        List<string> quiet, news;
        using (var commands = new ServerCommands())
        {
            await ledger.GetClaimAsync("claim", ledger.Now());
            quiet = commands.Tables();
        }

        var otherLedger = await Ledger.OpenAsync(other, new LedgerOptions { Clock = _clock });
        await otherLedger.RecordAsync([new StatementAsserted("s1", "claim", "alice", May22, "paper")]);
        ClaimStatus? claim;
        using (var commands = new ServerCommands())
        {
            claim = await ledger.GetClaimAsync("claim", ledger.Now());
            news = commands.Tables();
        }

        Assert.Equal(["head"], quiet);
        Assert.Equal(["head", "events"], news);
        Assert.Equal("s1", Assert.Single(claim!.Positions).Statement);
    }

    [SkippableFact]
    public async Task With_notifications_a_view_asks_the_server_only_after_an_append_is_notified()
    {
        // Recorded before the listening store opens, so that no notification of them can arrive late.
        await using var other = await OpenAsync(PostgreSqlChangeDetection.Query);
        var otherLedger = await Ledger.OpenAsync(other, new LedgerOptions { Clock = _clock });
        await otherLedger.RecordAsync(Registrations());
        await using var store = await OpenAsync(PostgreSqlChangeDetection.Notification);
        var ledger = await Ledger.OpenAsync(store, new LedgerOptions { Clock = _clock });
        await UntilQuietAsync(ledger);

        using (var quiet = new RoundTrips())
        {
            for (var i = 0; i < 20; i++)
            {
                Assert.NotNull(await ledger.GetClaimAsync("claim", ledger.Now()));
            }

            Assert.Equal(0, quiet.Count);
        }

        // Another writer's statement: the view shows it once its notification is heard, without a wait of its own.
        await otherLedger.RecordAsync([new StatementAsserted("s1", "claim", "alice", May22, "paper")]);
        using var afterAppend = new RoundTrips();
        var shown = await UntilAsync(async () =>
            (await ledger.GetClaimAsync("claim", ledger.Now()))!.Positions.Any(p => p.Statement == "s1"));

        Assert.True(shown, "the other writer's statement never showed");
        Assert.InRange(afterAppend.Count, 1, 3);
    }

    [SkippableFact]
    public async Task With_notifications_a_ledgers_own_appends_show_at_once()
    {
        await using var store = await OpenAsync(PostgreSqlChangeDetection.Notification);
        var ledger = await Ledger.OpenAsync(store, new LedgerOptions { Clock = _clock });
        await ledger.RecordAsync(Registrations());
        await UntilQuietAsync(ledger);

        await ledger.RecordAsync([new StatementAsserted("s1", "claim", "alice", May22, "paper")]);

        var claim = await ledger.GetClaimAsync("claim", ledger.Now());
        Assert.Equal("s1", Assert.Single(claim!.Positions).Statement.Value);
    }

    [SkippableFact]
    public async Task With_notifications_a_view_asks_the_server_again_once_the_max_lag_has_passed()
    {
        await using (var other = await OpenAsync(PostgreSqlChangeDetection.Query))
        {
            // Recorded before the listening store opens, so that no notification of them can arrive late.
            await (await Ledger.OpenAsync(other, new LedgerOptions { Clock = _clock })).RecordAsync(Registrations());
        }

        await using var store = await OpenAsync(PostgreSqlChangeDetection.Notification, TimeSpan.FromSeconds(5));
        var ledger = await Ledger.OpenAsync(store, new LedgerOptions { Clock = _clock });
        await UntilQuietAsync(ledger);

        using var roundTrips = new RoundTrips();
        _clock.Advance(TimeSpan.FromSeconds(4));
        await ledger.GetClaimAsync("claim", ledger.Now());
        Assert.Equal(0, roundTrips.Count);

        _clock.Advance(TimeSpan.FromSeconds(1));
        await ledger.GetClaimAsync("claim", ledger.Now());
        await ledger.GetClaimAsync("claim", ledger.Now());
        Assert.Equal(1, roundTrips.Count);
    }

    [SkippableFact]
    public async Task A_schema_with_the_longest_allowed_name_appends_and_is_notified()
    {
        // Its channel would be 77 characters; PostgreSQL refuses to notify on names over 63, which failed every append.
        var schema = "t_" + new string('x', 40) + Guid.NewGuid().ToString("N")[..21];
        try
        {
            await using var store = await PostgreSqlEventStore.OpenAsync(new PostgreSqlStoreOptions
            {
                ConnectionString = TestServer.Require(),
                Schema = schema,
                Clock = _clock,
                ChangeDetection = PostgreSqlChangeDetection.Notification,
                NotificationMaxLag = TimeSpan.FromHours(1),
            });
            await using var other = await PostgreSqlEventStore.OpenAsync(new PostgreSqlStoreOptions
            {
                ConnectionString = TestServer.Require(),
                Schema = schema,
                Clock = _clock,
            });
            var ledger = await Ledger.OpenAsync(store, new LedgerOptions { Clock = _clock });
            var otherLedger = await Ledger.OpenAsync(other, new LedgerOptions { Clock = _clock });
            await otherLedger.RecordAsync(Registrations());
            await UntilQuietAsync(ledger);

            await otherLedger.RecordAsync([new StatementAsserted("s1", "claim", "alice", May22, "paper")]);

            Assert.Equal(63, schema.Length);
            Assert.True(await UntilAsync(async () =>
                (await ledger.GetClaimAsync("claim", ledger.Now()))!.Positions.Any(p => p.Statement == "s1")));
        }
        finally
        {
            await TestServer.DropSchemaAsync(schema);
        }
    }

    [SkippableFact]
    public async Task With_notifications_a_listening_connection_that_stops_answering_is_replaced()
    {
        await using var other = await OpenAsync(PostgreSqlChangeDetection.Query);
        var otherLedger = await Ledger.OpenAsync(other, new LedgerOptions { Clock = _clock });
        await otherLedger.RecordAsync(Registrations());
        await using var store = await OpenAsync(PostgreSqlChangeDetection.Notification,
            keepAlive: TimeSpan.FromMilliseconds(300));
        var ledger = await Ledger.OpenAsync(store, new LedgerOptions { Clock = _clock });
        await UntilQuietAsync(ledger);
        var listening = (await TestServer.ScalarAsync(
            "SELECT pid || ' ' || coalesce(client_port, -1) FROM pg_stat_activity WHERE query LIKE " +
            $"'%{PostgreSqlEventStore.ChannelOf(_schema)}%' AND pid <> pg_backend_pid()"))!.Split(' ');
        var (backend, clientPort) = (int.Parse(listening[0], CultureInfo.InvariantCulture),
            int.Parse(listening[1], CultureInfo.InvariantCulture));

        // The server process behind the listening connection freezes: its socket stays open and says nothing, as
        // when a NAT drops an idle connection. Without a check the store would trust the silence for the whole hour.
        // A signal goes to a process id of this machine: only to the server's own backend, never to whatever
        // unrelated process has that id here (a server elsewhere, or in another process namespace).
        var host = new NpgsqlConnectionStringBuilder(TestServer.Require()).Host ?? "";
        Skip.IfNot(IsThisMachine(host),
            $"the PostgreSQL server ({host}) is not on this machine, so its backend process cannot be frozen from here");
        Skip.IfNot(IsListeningBackend(backend, clientPort, out var seen),
            $"process {backend} on this machine is not the server's backend of the listening connection ({seen}): " +
            "the server runs in another process namespace (a container?), so its backend cannot be frozen from here");
        Skip.IfNot(await SignalAsync("STOP", backend), "cannot signal the server's processes (not root)");
        try
        {
            await otherLedger.RecordAsync([new StatementAsserted("s1", "claim", "alice", May22, "paper")]);

            Assert.True(await UntilAsync(async () =>
                (await ledger.GetClaimAsync("claim", ledger.Now()))!.Positions.Any(p => p.Statement == "s1")),
                "the view never showed the other process's append: the frozen connection was trusted");
        }
        finally
        {
            await SignalAsync("CONT", backend);
            await TestServer.ScalarAsync($"SELECT pg_terminate_backend({backend})");
        }
    }

    [Fact]
    public void Options_out_of_range_are_refused_by_name()
    {
        var lag = Assert.Throws<ArgumentException>(() =>
            new PostgreSqlStoreOptions { ConnectionString = "Host=x", NotificationMaxLag = TimeSpan.Zero }.Validate());
        var mode = Assert.Throws<ArgumentException>(() =>
            new PostgreSqlStoreOptions { ConnectionString = "Host=x", ChangeDetection = (PostgreSqlChangeDetection)7 }.Validate());

        Assert.Contains("NotificationMaxLag must be between 1 ms and 1 hour", lag.Message, StringComparison.Ordinal);
        Assert.Contains("ChangeDetection 7 is not a PostgreSqlChangeDetection", mode.Message, StringComparison.Ordinal);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => TestServer.DropSchemaAsync(_schema);

    private Task<PostgreSqlEventStore> OpenAsync(PostgreSqlChangeDetection detection, TimeSpan? maxLag = null,
        TimeSpan? keepAlive = null) =>
        PostgreSqlEventStore.OpenAsync(new PostgreSqlStoreOptions
        {
            ConnectionString = TestServer.Require(),
            Schema = _schema,
            Clock = _clock,
            ChangeDetection = detection,
            NotificationMaxLag = maxLag ?? TimeSpan.FromHours(1),
            ListenerKeepAlive = keepAlive ?? PostgreSqlListener.DefaultKeepAlive,
        });

    private static LedgerEvent[] Registrations() =>
    [
        new ClaimRegistered("claim", "The bridge was destroyed by a missile"),
        new ActorRegistered("alice", "Alice Adams", ActorKind.Person),
        new SourceRegistered("paper", "Daily Paper", "Bridge coverage"),
    ];

    // The listening connection starts with the ledger's open and counts as news when it starts: wait until a view no
    // longer asks the server. (Events recorded after it starts would be news again when their notification arrives,
    // however late: the tests record those before.)
    private static async Task UntilQuietAsync(Ledger ledger)
    {
        var quiet = await UntilAsync(async () =>
        {
            await ledger.GetClaimAsync("claim", ledger.Now());
            using var roundTrips = new RoundTrips();
            await ledger.GetClaimAsync("claim", ledger.Now());
            return roundTrips.Count == 0;
        });
        Assert.True(quiet, "views kept asking the server: the store never started listening");
    }

    private static bool IsThisMachine(string host) =>
        host.Split(',').All(h => h.Trim() is "127.0.0.1" or "::1" or "localhost" || h.Trim().StartsWith('/'));

    /// <summary>
    /// Whether <paramref name="pid"/> is a PostgreSQL backend on this machine serving the connection from
    /// <paramref name="clientPort"/> (-1 for a Unix socket): its name is postgres and its title names that client.
    /// </summary>
    private static bool IsListeningBackend(int pid, int clientPort, out string seen)
    {
        var process = $"/proc/{pid.ToString(CultureInfo.InvariantCulture)}";
        if (!File.Exists(process + "/comm"))
        {
            seen = "no such process here";
            return false;
        }

        var name = File.ReadAllText(process + "/comm").Trim();
        var title = File.ReadAllText(process + "/cmdline").Replace('\0', ' ').Trim();
        seen = $"{name}: {title}";
        // A backend's title: "postgres: USER DATABASE HOST(PORT) STATE", or "[local]" for a Unix socket.
        var client = clientPort >= 0 ? $"({clientPort.ToString(CultureInfo.InvariantCulture)})" : "[local]";
        return name == "postgres" && title.StartsWith("postgres: ", StringComparison.Ordinal)
                                  && title.Contains(client, StringComparison.Ordinal);
    }

    private static async Task<bool> SignalAsync(string signal, int process)
    {
        using var kill = Process.Start(new ProcessStartInfo("kill", $"-{signal} {process}")
        {
            RedirectStandardError = true,
        })!;
        await kill.WaitForExitAsync();
        return kill.ExitCode == 0;
    }

    private static async Task<bool> UntilAsync(Func<Task<bool>> condition)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(15))
        {
            if (await condition())
            {
                return true;
            }

            await Task.Delay(10);
        }

        return false;
    }

    /// <summary>The tables of the commands Npgsql ran under this object's root activity ("head" or "events"), in order.</summary>
    private sealed class ServerCommands : IDisposable
    {
        private readonly ActivityListener _listener;
        private readonly Activity _root;
        private readonly List<string> _commands = [];

        public ServerCommands()
        {
            _listener = new ActivityListener
            {
                ShouldListenTo = source => source.Name is "Npgsql" || source == TestSource,
                Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllData,
                ActivityStopped = activity =>
                {
                    if (activity.Source.Name == "Npgsql" && activity.RootId == _root!.RootId)
                    {
                        var text = string.Join(" ", activity.TagObjects.Select(t => t.Value?.ToString()));
                        lock (_commands)
                        {
                            _commands.Add(text);
                        }
                    }
                },
            };
            ActivitySource.AddActivityListener(_listener);
            _root = TestSource.StartActivity("views")!;
        }

        public List<string> Tables()
        {
            lock (_commands)
            {
                return [.. _commands.Select(c => c.Contains(".head WHERE", StringComparison.Ordinal) ? "head"
                    : c.Contains(".events WHERE position >=", StringComparison.Ordinal) ? "events" : c)];
            }
        }

        public void Dispose()
        {
            _root.Dispose();
            _listener.Dispose();
        }
    }

    /// <summary>Counts catch-ups that asked the store, started under this object's root activity.</summary>
    private sealed class RoundTrips : IDisposable
    {
        private readonly ActivityListener _listener;
        private readonly Activity _root;
        private int _count;

        public RoundTrips()
        {
            _listener = new ActivityListener
            {
                ShouldListenTo = source => source.Name is LedgerTelemetry.ActivitySourceName || source == TestSource,
                Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllData,
                ActivityStopped = activity =>
                {
                    if (activity.OperationName == "ClaimsLedger.CatchUp" && activity.RootId == _root!.RootId)
                    {
                        Interlocked.Increment(ref _count);
                    }
                },
            };
            ActivitySource.AddActivityListener(_listener);
            _root = TestSource.StartActivity("views")!;
        }

        public int Count => Volatile.Read(ref _count);

        public void Dispose()
        {
            _root.Dispose();
            _listener.Dispose();
        }
    }
}
