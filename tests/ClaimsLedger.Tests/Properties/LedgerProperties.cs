using ClaimsLedger.Events;
using ClaimsLedger.Index;
using ClaimsLedger.Storage;
using ClaimsLedger.Storage.InMemory;
using ClaimsLedger.Views;
using CsCheck;
using Microsoft.Extensions.Time.Testing;

namespace ClaimsLedger.Tests.Properties;

/// <summary>
/// Properties of the ledger over random valid histories (see <see cref="Scenario"/>). CsCheck prints the seed of a
/// failing case; rerun it with that seed to reproduce.
/// </summary>
public sealed class LedgerProperties
{
    private static readonly Gen<(int Seed, int Size)> Histories = Gen.Select(Gen.Int[0, int.MaxValue], Gen.Int[1, 60]);

    private static readonly string[] Points = ["2023-05-03", "2023-05-10", "2023-05-18", "2023-05-25", "2023-05-31", "2024-01-01"];

    [Fact]
    public async Task The_views_do_not_depend_on_how_appends_were_batched_or_interleaved_across_streams()
    {
        await Histories.SampleAsync(async (seed, size) =>
        {
            var scenario = Scenario.Generate(seed, size);
            var random = new Random(seed);
            var events = scenario.Steps.Select(s => s.Event).ToList();

            // Batch k is recorded at minute k + 1; the one-by-one ledger records each of its events alone at that same
            // minute, so every event has the same recordedAt in both and the views must agree at every R.
            var chunks = Chunk(events, random);
            var chunked = await RecordAsync(scenario, chunks.Select((c, k) => (MinuteOf(k + 1), c)));
            var oneByOne = await RecordAsync(scenario,
                chunks.SelectMany((c, k) => c.Select(e => (MinuteOf(k + 1), (IReadOnlyList<LedgerEvent>)[e]))));
            for (var k = 0; k <= chunks.Count; k++)
            {
                foreach (var asOf in Points.SelectMany(p => AsOfs(p, MinuteOf(k))))
                {
                    Assert.Equal((await oneByOne.GetBoardAsync(asOf)).ToJson(), (await chunked.GetBoardAsync(asOf)).ToJson());
                }
            }

            // Interleaving the claims' streams reorders the log: recorded at one instant, the views must still agree.
            var alone = await RecordAsync(scenario, events.Select(e => (Scenario.Start, (IReadOnlyList<LedgerEvent>)[e])));
            var interleaved = await RecordAsync(scenario,
                Chunk(Interleave(events, random), random).Select(c => (Scenario.Start, c)));
            foreach (var asOf in Points.SelectMany(p => AsOfs(p, Scenario.Start)))
            {
                Assert.Equal((await alone.GetBoardAsync(asOf)).ToJson(), (await interleaved.GetBoardAsync(asOf)).ToJson());
            }
        }, iter: 60);
    }

    [Fact]
    public async Task As_of_R_a_view_ignores_every_event_recorded_after_R()
    {
        await Histories.SampleAsync(async (seed, size) =>
        {
            var scenario = Scenario.Generate(seed, size);
            var cut = new Random(seed).Next(scenario.Steps.Count + 1);
            // Steps recorded at the same instant as the cut's last one belong before R too: extend the cut over them.
            while (cut < scenario.Steps.Count && scenario.Steps[cut].Advance == TimeSpan.Zero)
            {
                cut++;
            }

            var (full, _) = await RecordStepsAsync(scenario, scenario.Steps);
            var (prefix, clock) = await RecordStepsAsync(scenario, scenario.Steps.Take(cut));

            // R is the instant the cut's last step was recorded: every later step was recorded after it.
            var recorded = clock.GetUtcNow();
            foreach (var asOf in Points.SelectMany(p => AsOfs(p, recorded)))
            {
                var expected = (await prefix.GetBoardAsync(asOf)).ToJson();
                var actual = (await full.GetBoardAsync(asOf)).ToJson();
                Assert.Equal(expected, actual);

                Assert.DoesNotContain(scenario.Steps.Skip(cut).Where(s => s.Event is Statement)
                        .Select(s => ((Statement)s.Event).Id.Value).Where(id => !StatementIdsBefore(scenario, cut).Contains(id)),
                    id => actual.Contains($"\"statement\": \"{id}\"", StringComparison.Ordinal));
            }
        }, iter: 60);
    }

    [Fact]
    public async Task Recording_existing_events_again_changes_nothing()
    {
        await Histories.SampleAsync(async (seed, size) =>
        {
            var scenario = Scenario.Generate(seed, size);
            var random = new Random(seed);
            var (ledger, _) = await RecordStepsAsync(scenario, scenario.Steps);
            var before = (await ledger.GetBoardAsync(ledger.Now())).ToJson();
            var head = await ledger.Store.ReadLastAsync();

            var again = scenario.Steps.Select(s => s.Event).Where(_ => random.Next(2) == 0).Concat(scenario.Registrations).ToList();
            foreach (var chunk in Chunk(again, random))
            {
                var result = await ledger.RecordAsync(chunk);
                Assert.Equal(0, result.Appended);
                Assert.Equal(chunk.Count, result.Unchanged);
            }

            Assert.Equal(head!.Position, (await ledger.Store.ReadLastAsync())!.Position);
            Assert.Equal(before, (await ledger.GetBoardAsync(ledger.Now())).ToJson());
        }, iter: 60);
    }

    [Fact]
    public async Task The_indexed_one_claim_view_equals_a_full_replay_and_the_reference_model_at_random_points()
    {
        await Histories.SampleAsync(async (seed, size) =>
        {
            var scenario = Scenario.Generate(seed, size);
            var random = new Random(seed);
            var (ledger, clock) = await RecordStepsAsync(scenario, scenario.Steps);
            var log = new List<ReferenceModel.Logged>();
            var recorded = await ledger.Store.ReadAllForwardsAsync(GlobalPosition.Start).ToListAsync();
            var ledgerView = await Ledger.OpenAsync(ledger.Store, new LedgerOptions { Clock = clock });
            foreach (var e in recorded)
            {
                log.Add(new ReferenceModel.Logged(ClaimsLedger.Serialization.EventSerializer.Deserialize(e.Type, e.Data.Span), e.RecordedAt, e.Position));
            }

            for (var sample = 0; sample < 12; sample++)
            {
                var said = Scenario.Start.AddDays(-random.Next(40)).AddMinutes(random.Next(1440));
                var r = recorded[random.Next(recorded.Count)].RecordedAt.AddTicks(random.Next(3) - 1);
                var asOf = new AsOf(said, r, random.Next(2) == 0 ? SaidInclusion.CertainlySaid : SaidInclusion.PossiblySaid);
                var replay = new LedgerIndex();
                foreach (var e in recorded.Where(e => e.RecordedAt <= r))
                {
                    replay.Apply(e);
                }

                foreach (var claim in scenario.Claims)
                {
                    var indexed = await ledgerView.GetClaimAsync(claim, asOf);
                    var replayed = LedgerQueries.Claim(replay, claim, asOf);
                    Assert.Equal(replayed?.ToJson(), indexed?.ToJson());
                    // The one-claim index a loading ledger answers from: the claim's, actors' and sources' streams only.
                    var scope = await ClaimScope.LoadAsync(ledger.Store, claim, CancellationToken.None);
                    Assert.Equal(indexed?.ToJson(), scope is null ? null : LedgerQueries.Claim(scope, claim, asOf)?.ToJson());

                    var expected = ReferenceModel.Evaluate(log, claim, asOf);
                    var actual = ReferenceModel.FromView(indexed);
                    Assert.True(ReferenceModel.Describe(expected) == ReferenceModel.Describe(actual),
                        $"claim {claim} as of {asOf}:\n expected {ReferenceModel.Describe(expected)}\n actual   {ReferenceModel.Describe(actual)}");
                }
            }
        }, iter: 100);
    }

    private static HashSet<string> StatementIdsBefore(Scenario scenario, int cut) =>
        [.. scenario.Steps.Take(cut).Select(s => s.Event).OfType<Statement>().Select(s => s.Id.Value)];

    private static IEnumerable<AsOf> AsOfs(string point, DateTimeOffset recorded)
    {
        var said = AsOf.ParsePoint(point);
        yield return new AsOf(said, recorded, SaidInclusion.CertainlySaid);
        yield return new AsOf(said, recorded, SaidInclusion.PossiblySaid);
    }

    private static async Task<Ledger> RecordAsync(Scenario scenario,
        IEnumerable<(DateTimeOffset At, IReadOnlyList<LedgerEvent> Batch)> batches)
    {
        var clock = new FakeTimeProvider(Scenario.Start);
        var ledger = await Ledger.OpenAsync(new InMemoryEventStore(clock), new LedgerOptions { Clock = clock });
        await ledger.RecordAsync(scenario.Registrations);
        foreach (var (at, batch) in batches)
        {
            clock.SetUtcNow(at);
            await ledger.RecordAsync(batch);
        }

        return ledger;
    }

    private static DateTimeOffset MinuteOf(int events) => Scenario.Start.AddMinutes(events);

    private static async Task<(Ledger Ledger, FakeTimeProvider Clock)> RecordStepsAsync(Scenario scenario, IEnumerable<Step> steps)
    {
        var clock = new FakeTimeProvider(Scenario.Start);
        var ledger = await Ledger.OpenAsync(new InMemoryEventStore(clock), new LedgerOptions { Clock = clock });
        await ledger.RecordAsync(scenario.Registrations);
        foreach (var step in steps)
        {
            clock.Advance(step.Advance);
            await ledger.RecordAsync(step.Event);
        }

        return (ledger, clock);
    }

    private static List<IReadOnlyList<LedgerEvent>> Chunk(IReadOnlyList<LedgerEvent> events, Random random)
    {
        var chunks = new List<IReadOnlyList<LedgerEvent>>();
        for (var i = 0; i < events.Count;)
        {
            var size = random.Next(1, 8);
            chunks.Add([.. events.Skip(i).Take(size)]);
            i += size;
        }

        return chunks;
    }

    /// <summary>A random merge of the per-claim sequences: each claim's own order is kept.</summary>
    private static List<LedgerEvent> Interleave(IReadOnlyList<LedgerEvent> events, Random random)
    {
        var claimOf = new Dictionary<StatementId, ClaimId>();
        var queues = new Dictionary<ClaimId, Queue<LedgerEvent>>();
        foreach (var e in events)
        {
            var claim = e switch
            {
                Statement s => claimOf[s.Id] = s.Claim,
                StatementAmended a => claimOf[a.Statement],
                StatementStruck s => claimOf[s.Statement],
                _ => throw new InvalidOperationException(),
            };
            if (!queues.TryGetValue(claim, out var queue))
            {
                queues[claim] = queue = new Queue<LedgerEvent>();
            }

            queue.Enqueue(e);
        }

        var merged = new List<LedgerEvent>();
        while (queues.Values.Any(q => q.Count > 0))
        {
            var open = queues.Values.Where(q => q.Count > 0).ToList();
            merged.Add(open[random.Next(open.Count)].Dequeue());
        }

        return merged;
    }
}
