namespace ClaimsLedger.Tests.Time;

public sealed class AsOfTests
{
    private static readonly DateTimeOffset Recorded = new(2023, 6, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void As_of_a_date_means_the_next_day_at_midnight_utc()
    {
        Assert.Equal(new DateTimeOffset(2023, 5, 23, 0, 0, 0, TimeSpan.Zero), AsOf.EndOfDay(new DateOnly(2023, 5, 22)));
        Assert.Equal(AsOf.EndOfDay(new DateOnly(2023, 5, 22)), AsOf.ParsePoint("2023-05-22"));
    }

    [Fact]
    public void As_of_a_date_with_an_offset_means_midnight_at_that_offset()
    {
        var point = AsOf.ParsePoint("2023-05-22+03:00");

        Assert.Equal(new DateTimeOffset(2023, 5, 22, 21, 0, 0, TimeSpan.Zero), point.ToUniversalTime());
    }

    [Fact]
    public void An_as_of_instant_is_used_as_given()
    {
        Assert.Equal(new DateTimeOffset(2023, 5, 22, 18, 0, 0, TimeSpan.Zero), AsOf.ParsePoint("2023-05-22T18:00Z"));
    }

    [Theory]
    [InlineData("22 May")]
    [InlineData("2023-05")]
    [InlineData("2023-05-22+3")]
    [InlineData("2023-05-22+15:00")]
    public void A_malformed_point_is_rejected(string text)
    {
        var error = Assert.Throws<FormatException>(() => AsOf.ParsePoint(text));

        Assert.Contains($"'{text}'", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2023-05-22", "2023-05-22", true)]
    [InlineData("2023-05-22", "2023-05-21", false)]
    [InlineData("2023-05", "2023-05-30", false)]
    [InlineData("2023-05", "2023-05-31", true)]
    [InlineData("2023-05-22/2023-05-26", "2023-05-25", false)]
    [InlineData("2023-05-22/2023-05-26", "2023-05-26", true)]
    public void A_statement_is_certainly_said_by_T_when_its_interval_ends_by_T(string saidAt, string date, bool counts)
    {
        var asOf = new AsOf(AsOf.ParsePoint(date), Recorded, SaidInclusion.CertainlySaid);

        Assert.Equal(counts, asOf.CountsSaid(SaidAt.Parse(saidAt)));
    }

    [Theory]
    [InlineData("2023-05", "2023-05-01T00:00Z", true)]
    [InlineData("2023-05", "2023-04-30T23:59Z", false)]
    [InlineData("2023-05-22/2023-05-26", "2023-05-22", true)]
    public void A_statement_is_possibly_said_by_T_when_its_interval_starts_by_T(string saidAt, string point, bool counts)
    {
        var asOf = new AsOf(AsOf.ParsePoint(point), Recorded, SaidInclusion.PossiblySaid);

        Assert.Equal(counts, asOf.CountsSaid(SaidAt.Parse(saidAt)));
    }

    [Fact]
    public void An_instant_counts_from_that_instant_on()
    {
        var instant = SaidAt.Parse("2023-05-22T14:30Z");

        Assert.True(AsOf.At(instant.Start).CountsSaid(instant));
        Assert.False(AsOf.At(instant.Start.AddTicks(-1)).CountsSaid(instant));
    }

    [Fact]
    public void Now_takes_both_bounds_from_the_clock()
    {
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(Recorded);

        var now = AsOf.Now(clock);

        Assert.Equal(Recorded, now.Said);
        Assert.Equal(Recorded, now.Recorded);
        Assert.Equal(SaidInclusion.CertainlySaid, now.Inclusion);
    }

    [Fact]
    public void With_methods_change_one_bound_only()
    {
        var asOf = AsOf.At(Recorded).WithSaid(Recorded.AddDays(-5)).WithPossiblySaid();

        Assert.Equal(Recorded.AddDays(-5), asOf.Said);
        Assert.Equal(Recorded, asOf.Recorded);
        Assert.Equal(SaidInclusion.PossiblySaid, asOf.Inclusion);
        Assert.Equal(Recorded.AddDays(1), asOf.WithRecorded(Recorded.AddDays(1)).Recorded);
    }
}
