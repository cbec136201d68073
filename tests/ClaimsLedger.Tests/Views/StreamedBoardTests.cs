using ClaimsLedger.Events;
using ClaimsLedger.Views;
using static ClaimsLedger.Tests.LedgerScenario;

namespace ClaimsLedger.Tests.Views;

/// <summary>
/// <see cref="Ledger.ReadBoardAsync"/> hands out the board claim by claim, a chunk of claims per hold of the ledger's
/// lock: it is the board <see cref="Ledger.GetBoardAsync"/> builds, of the ledger as it stood when the enumeration
/// began, whatever is appended meanwhile; the one append time cannot tell apart fails it instead.
/// </summary>
public sealed class StreamedBoardTests
{
    // More than two of ReadBoardAsync's chunks (512 claims), so that appends fall between chunks.
    private const int Claims = 1_300;

    [Fact]
    public async Task A_streamed_board_holds_what_the_board_holds_at_every_point()
    {
        var s = await ManyClaimsAsync();
        var first = s.Now.Recorded;
        var struck = (await s.Ledger.GetBoardAsync(s.Now)).Claims[5].Positions[0].Statement;
        s.Later();
        await s.RecordAsync(new StatementStruck("strike-1", struck, "recorded in error"),
            Denies("late-1", "actor-03", "2023-05-30", "c-0007"));
        var points = new[]
        {
            s.Now,
            SaidBy("2023-05-10", s.Now.Recorded),
            SaidBy("2023-05-10", s.Now.Recorded).WithPossiblySaid(),
            SaidBy("2023-05-20", first),
            SaidBy("2023-05-20", first.AddTicks(-1)),
            new AsOf(DateTimeOffset.MaxValue, DateTimeOffset.MaxValue, SaidInclusion.CertainlySaid),
        };

        foreach (var asOf in points)
        {
            var board = await s.Ledger.GetBoardAsync(asOf);
            var streamed = await ToListAsync(s.Ledger.ReadBoardAsync(asOf));

            Assert.Equal(board.Claims, streamed);
        }

        Assert.True((await s.Ledger.GetBoardAsync(s.Now)).Claims.Count > 2 * 512);
    }

    [Fact]
    public async Task Appends_while_a_board_is_streamed_do_not_change_it()
    {
        var s = await ManyClaimsAsync();
        var latest = new AsOf(DateTimeOffset.MaxValue, DateTimeOffset.MaxValue, SaidInclusion.CertainlySaid);
        var before = await s.Ledger.GetBoardAsync(latest);
        var struck = before.Claims[^2].Positions[0].Statement;
        s.Later();

        var streamed = new List<ClaimStatus>();
        await foreach (var status in s.Ledger.ReadBoardAsync(latest))
        {
            if (streamed.Count == 0)
            {
                // From another thread, so that the lock must be free while the caller holds a claim.
                await Task.Run(() => s.RecordAsync(
                    Asserts("late-1", "actor-01", "2023-05-02", "c-1290"),
                    new StatementStruck("strike-1", struck, "recorded in error"),
                    new ClaimRegistered("c-9999", "registered while the board is read"),
                    Asserts("late-2", "actor-02", "2023-05-02", "c-9999"))).WaitAsync(TimeSpan.FromSeconds(30));
            }

            streamed.Add(status);
        }

        var after = await s.Ledger.GetBoardAsync(latest);
        Assert.Equal(before.Claims, streamed);
        Assert.NotEqual(after.Claims[^1], streamed[^1]);
        Assert.NotEqual(after[(ClaimId)"c-1290"], before[(ClaimId)"c-1290"]);
        Assert.NotEqual(after.Claims[^2], before.Claims[^2]);
    }

    [Fact]
    public async Task An_append_recorded_at_the_instant_the_board_began_fails_the_streamed_board()
    {
        var s = await ManyClaimsAsync();
        var instant = s.Now.Recorded;

        var read = 0;
        var error = await Assert.ThrowsAsync<LedgerChangedException>(async () =>
        {
            await foreach (var status in s.Ledger.ReadBoardAsync(s.Now))
            {
                if (read++ == 0)
                {
                    // The clock stands still: this append shares the board's last recordedAt.
                    await s.RecordAsync(Asserts("late-1", "actor-01", "2023-05-02", "c-1290"));
                }
            }
        });

        Assert.InRange(read, 1, 512);
        Assert.Equal(instant, error.RecordedAt);
        Assert.Contains(instant.ToString("O"), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_board_as_of_an_earlier_R_is_streamed_whole_while_appends_share_the_last_instant()
    {
        var s = await ManyClaimsAsync();
        var earlier = s.Now;
        s.Later();
        await s.RecordAsync(Denies("late-1", "actor-03", "2023-05-30", "c-0007"));
        var before = await s.Ledger.GetBoardAsync(earlier);

        var streamed = new List<ClaimStatus>();
        await foreach (var status in s.Ledger.ReadBoardAsync(earlier))
        {
            if (streamed.Count == 0)
            {
                await s.RecordAsync(Asserts("late-2", "actor-01", "2023-05-02", "c-1290"));
            }

            streamed.Add(status);
        }

        Assert.Equal(before.Claims, streamed);
    }

    [Fact]
    public async Task Cancelling_a_streamed_board_stops_it_at_the_next_claim()
    {
        var s = await ManyClaimsAsync();

        Assert.Equal(1, await ReadCancellingAtFirstClaimAsync(s));
    }

    [Fact]
    public async Task Events_another_writer_appended_folded_in_while_a_board_is_streamed_do_not_change_it()
    {
        var s = await ManyClaimsAsync();
        var latest = new AsOf(DateTimeOffset.MaxValue, DateTimeOffset.MaxValue, SaidInclusion.CertainlySaid);
        var before = await s.Ledger.GetBoardAsync(latest);
        s.Later();
        var other = await Ledger.OpenAsync(s.Store, new LedgerOptions { Clock = s.Clock });
        var late = Enumerable.Range(0, 3_000)
            .Select(i => (LedgerEvent)Asserts($"late-{i}", $"actor-{i % 12:D2}", "2023-05-03", $"c-{1 + (i % 1_299):D4}"))
            .ToArray();

        var streamed = new List<ClaimStatus>();
        await foreach (var status in s.Ledger.ReadBoardAsync(latest))
        {
            if (streamed.Count == 0)
            {
                await other.RecordAsync(late);
                // A catch-up of 3,000 events, folded in batches while the enumeration is between chunks.
                await Task.Run(() => s.Ledger.CatchUpAsync()).WaitAsync(TimeSpan.FromSeconds(30));
            }

            streamed.Add(status);
        }

        Assert.Equal(before.Claims, streamed);
        Assert.NotEqual(before.Claims, (await s.Ledger.GetBoardAsync(latest)).Claims);
    }

    [Fact]
    public async Task A_streamed_board_leaves_no_fence_behind_however_it_ends()
    {
        var s = await ManyClaimsAsync();

        for (var i = 0; i < 5; i++)
        {
            await ToListAsync(s.Ledger.ReadBoardAsync(s.Now));
        }

        await foreach (var status in s.Ledger.ReadBoardAsync(s.Now))
        {
            break;
        }

        await ReadCancellingAtFirstClaimAsync(s);

        Assert.Equal(0, s.Ledger.Read(index => index.Fences));
    }

    [Fact]
    public async Task Cancelling_a_streamed_board_stops_it_even_where_no_claim_counts()
    {
        // Only the first claim has a statement: after it, the chunks hand nothing out to notice a cancellation.
        var s = await StartAsync();
        await s.RecordAsync([.. Enumerable.Range(0, Claims).Select(c => new ClaimRegistered($"c-{c:D4}", $"claim {c}"))]);
        await s.RecordAsync(Asserts("only", "alice", "2023-05-02", "c-0000"));

        Assert.Equal(1, await ReadCancellingAtFirstClaimAsync(s));
    }

    [Fact]
    public async Task An_empty_ledger_streams_an_empty_board()
    {
        var s = await StartAsync();

        Assert.Empty(await ToListAsync(s.Ledger.ReadBoardAsync(s.Now)));
        Assert.Equal((await s.Ledger.GetBoardAsync(s.Now)).ToJson(), await JsonAsync(s, s.Now));
    }

    [Fact]
    public async Task A_board_written_as_json_claim_by_claim_is_the_boards_own_json()
    {
        var s = await ManyClaimsAsync();
        var asOf = SaidBy("2023-05-20", s.Now.Recorded);

        var json = await JsonAsync(s, asOf);

        Assert.Equal((await s.Ledger.GetBoardAsync(asOf)).ToJson(), json);
        Assert.Equal(json, ViewJson.Deserialize<ClaimBoard>(json).ToJson());
    }

    /// <summary>Reads the board as of now, cancelling at the first claim; how many claims were read.</summary>
    private static async Task<int> ReadCancellingAtFirstClaimAsync(LedgerScenario s)
    {
        using var cancel = new CancellationTokenSource();
        var read = 0;
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var status in s.Ledger.ReadBoardAsync(s.Now, cancel.Token))
            {
                read++;
                await cancel.CancelAsync();
            }
        });

        return read;
    }

    private static async Task<string> JsonAsync(LedgerScenario s, AsOf asOf)
    {
        await using var output = new StringWriter();
        await ViewJson.WriteBoardAsync(output, asOf, s.Ledger.ReadBoardAsync(asOf), CancellationToken.None);
        return output.ToString();
    }

    /// <summary><see cref="Claims"/> claims in scrambled registration order, every fifth with no statement.</summary>
    private static async Task<LedgerScenario> ManyClaimsAsync()
    {
        var s = await StartAsync();
        var actors = Enumerable.Range(0, 12).Select(a => $"actor-{a:D2}").ToArray();
        await s.RecordAsync([.. actors.Select(a => new ActorRegistered(a, a, ActorKind.Person))]);
        var random = new Random(5);
        var events = new List<LedgerEvent>();
        for (var c = 0; c < Claims; c++)
        {
            var claim = $"c-{(c * 37) % Claims:D4}";
            events.Add(new ClaimRegistered(claim, $"claim {c}"));
            for (var k = c % 5 == 0 ? 0 : random.Next(1, 6); k > 0; k--)
            {
                var actor = actors[random.Next(actors.Length)];
                var said = $"2023-05-{random.Next(1, 28):D2}";
                events.Add(random.Next(2) == 0
                    ? Asserts($"s-{(c * 37) % Claims}-{k}", actor, said, claim)
                    : Denies($"s-{(c * 37) % Claims}-{k}", actor, said, claim) with { Quote = $"no {k}" });
            }
        }

        await s.RecordAsync([.. events]);
        return s;
    }

    private static async Task<List<ClaimStatus>> ToListAsync(IAsyncEnumerable<ClaimStatus> board)
    {
        var list = new List<ClaimStatus>();
        await foreach (var status in board)
        {
            list.Add(status);
        }

        return list;
    }
}
