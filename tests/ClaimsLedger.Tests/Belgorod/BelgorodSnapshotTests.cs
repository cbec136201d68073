using Belgorod;
using ClaimsLedger.Storage.InMemory;
using Microsoft.Extensions.Time.Testing;
using Newtonsoft.Json.Linq;
using Snapshooter.Xunit;

namespace ClaimsLedger.Tests.Belgorod;

/// <summary>
/// The Belgorod sample's views, pinned as committed snapshots (tests/ClaimsLedger.Tests/Belgorod/__snapshots__).
/// The data is samples/Belgorod/BelgorodHistory.cs, modelled on shared/seed/article-2023-05-26.txt.
/// </summary>
public sealed class BelgorodSnapshotTests
{
    [Theory]
    [InlineData("2023-05-22")]
    [InlineData("2023-05-24")]
    [InlineData("2023-05-26")]
    public async Task The_board_as_of_each_day_matches_its_snapshot(string date)
    {
        var (ledger, _) = await RecordAsync();

        var board = await ledger.GetBoardAsync(AsOf.At(BelgorodHistory.RecordedAt).WithSaid(AsOf.ParsePoint(date)));

        Snapshot.Match(JToken.Parse(board.ToJson()), $"BelgorodBoard_{date}");
    }

    [Fact]
    public async Task The_board_as_recorded_before_and_after_the_correction_matches_its_snapshots()
    {
        var (ledger, clock) = await RecordAsync();
        var said = AsOf.EndOfDay(new DateOnly(2023, 5, 26));
        var before = ledger.Now().WithSaid(said);
        clock.SetUtcNow(BelgorodHistory.CorrectedAt);
        await ledger.RecordAsync(BelgorodHistory.Correction);
        var after = ledger.Now().WithSaid(said);

        Snapshot.Match(JToken.Parse((await ledger.GetBoardAsync(before)).ToJson()), "BelgorodBoard_BeforeCorrection");
        Snapshot.Match(JToken.Parse((await ledger.GetBoardAsync(after)).ToJson()), "BelgorodBoard_AfterCorrection");
        Snapshot.Match(JToken.Parse((await ledger.DiffAsync(before, after)).ToJson()), "BelgorodDiff_Correction");
    }

    [Fact]
    public async Task Possibly_said_statements_join_the_board_when_asked_for()
    {
        var (ledger, _) = await RecordAsync();
        var may24 = AsOf.At(BelgorodHistory.RecordedAt).WithSaid(AsOf.ParsePoint("2023-05-24"));

        var certainly = await ledger.GetBoardAsync(may24);
        var possibly = await ledger.GetBoardAsync(may24.WithPossiblySaid());

        Assert.Null(certainly["us-vehicles-used-in-raid"]);
        Assert.Single(possibly["us-vehicles-used-in-raid"]!.Investigations);
        Assert.True(possibly.Claims.Count > certainly.Claims.Count);
    }

    [Fact]
    public async Task The_board_reads_well_as_text()
    {
        var (ledger, _) = await RecordAsync();

        var text = (await ledger.GetBoardAsync(AsOf.At(BelgorodHistory.CorrectedAt))).ToText();

        Assert.Contains("■ Ukraine directed the Belgorod raid  [ukraine-behind-belgorod-raid]  — CONTESTED", text, StringComparison.Ordinal);
        Assert.Contains("Mykhailo Podolyak, Office of the President of Ukraine — 2023-05-22/2023-05-26 “nothing to do with it”", text, StringComparison.Ordinal);
        Assert.Contains("US officials (anonymous) — 2023-05-22/2023-05-26", text, StringComparison.Ordinal);
        Assert.Contains("via NBC News, in Unnamed news outlet of 2023-05-26", text, StringComparison.Ordinal);
        Assert.Contains("threatens Sergei Shoigu, Russian Defence Ministry — 2023-05-22/2023-05-26 “extremely harsh”", text, StringComparison.Ordinal);
    }

    private static async Task<(Ledger Ledger, FakeTimeProvider Clock)> RecordAsync()
    {
        var clock = new FakeTimeProvider(BelgorodHistory.RecordedAt);
        var ledger = await Ledger.OpenAsync(new InMemoryEventStore(clock), new LedgerOptions { Clock = clock });
        await ledger.RecordAsync([.. BelgorodHistory.Registrations, .. BelgorodHistory.Statements]);
        return (ledger, clock);
    }
}
