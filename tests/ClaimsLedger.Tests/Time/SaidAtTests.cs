namespace ClaimsLedger.Tests.Time;

public sealed class SaidAtTests
{
    [Theory]
    [InlineData("2023-05-22T14:30Z", SaidAtPrecision.Instant)]
    [InlineData("2023-05-22T14:30:15Z", SaidAtPrecision.Instant)]
    [InlineData("2023-05-22T14:30:15.25Z", SaidAtPrecision.Instant)]
    [InlineData("2023-05-22", SaidAtPrecision.Day)]
    [InlineData("2023-02", SaidAtPrecision.Month)]
    [InlineData("2023", SaidAtPrecision.Year)]
    [InlineData("2023-05-22/2023-05-26", SaidAtPrecision.Range)]
    [InlineData("2023-05-22/2023-05-22", SaidAtPrecision.Range)]
    public void Every_canonical_form_round_trips_exactly(string text, SaidAtPrecision precision)
    {
        var value = SaidAt.Parse(text);

        Assert.Equal(precision, value.Precision);
        Assert.Equal(text, value.ToString());
        Assert.Equal(value, SaidAt.Parse(value.ToString()));
    }

    [Theory]
    [InlineData("2023-05-22", "2023-05-22T00:00:00Z", "2023-05-23T00:00:00Z")]
    [InlineData("2023-02", "2023-02-01T00:00:00Z", "2023-03-01T00:00:00Z")]
    [InlineData("2024-02", "2024-02-01T00:00:00Z", "2024-03-01T00:00:00Z")]
    [InlineData("2023", "2023-01-01T00:00:00Z", "2024-01-01T00:00:00Z")]
    [InlineData("2023-05-22/2023-05-26", "2023-05-22T00:00:00Z", "2023-05-27T00:00:00Z")]
    [InlineData("2023-05-22T14:30Z", "2023-05-22T14:30:00Z", "2023-05-22T14:30:00Z")]
    public void SaidAt_is_the_half_open_interval_of_rule_1(string text, string start, string end)
    {
        var value = SaidAt.Parse(text);

        Assert.Equal(DateTimeOffset.Parse(start, System.Globalization.CultureInfo.InvariantCulture), value.Start);
        Assert.Equal(DateTimeOffset.Parse(end, System.Globalization.CultureInfo.InvariantCulture), value.End);
    }

    [Fact]
    public void An_instant_with_an_offset_is_normalised_to_utc()
    {
        var value = SaidAt.Parse("2023-05-22T17:30+03:00");

        Assert.Equal("2023-05-22T14:30Z", value.ToString());
        Assert.Equal(TimeSpan.Zero, value.Start.Offset);
    }

    [Theory]
    [InlineData("", "it is empty")]
    [InlineData(" 2023", "white space")]
    [InlineData("2023-13", "expected yyyy")]
    [InlineData("2023-02-30", "expected yyyy")]
    [InlineData("22/05/2023", "a range must be two whole days")]
    [InlineData("2023-05-26/2023-05-22", "ends (2023-05-22) before it starts (2023-05-26)")]
    [InlineData("2023-05/2023-06", "a range must be two whole days")]
    [InlineData("2023-05-22T14:30", "followed by Z or an offset")]
    [InlineData("2023-05-22T25:00Z", "an instant must be")]
    [InlineData("yesterday", "expected yyyy")]
    [InlineData("0000", "expected yyyy")]
    public void Malformed_text_is_rejected_with_the_reason(string text, string reason)
    {
        var error = Assert.Throws<FormatException>(() => SaidAt.Parse(text));

        Assert.Contains($"'{text}' is not a valid saidAt", error.Message, StringComparison.Ordinal);
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
        Assert.False(SaidAt.TryParse(text, out _));
    }

    [Fact]
    public void Values_order_by_start_then_end()
    {
        var ordered = new[] { "2023-05-22/2023-05-26", "2023-05", "2023-05-22", "2023-05-22T12:00Z", "2023" }
            .Select(SaidAt.Parse)
            .Order()
            .Select(s => s.ToString());

        Assert.Equal(["2023", "2023-05", "2023-05-22", "2023-05-22/2023-05-26", "2023-05-22T12:00Z"], ordered);
    }

    [Fact]
    public void Factories_build_the_same_values_as_parsing()
    {
        Assert.Equal(SaidAt.Parse("2023-05-22"), SaidAt.Day(2023, 5, 22));
        Assert.Equal(SaidAt.Parse("2023-02"), SaidAt.Month(2023, 2));
        Assert.Equal(SaidAt.Parse("2023"), SaidAt.Year(2023));
        Assert.Equal(SaidAt.Parse("2023-05-22/2023-05-26"), SaidAt.Range(new(2023, 5, 22), new(2023, 5, 26)));
        Assert.Throws<ArgumentException>(() => SaidAt.Range(new(2023, 5, 26), new(2023, 5, 22)));
    }

    [Fact]
    public void The_default_value_is_marked_as_missing()
    {
        Assert.True(default(SaidAt).IsDefault);
        Assert.False(SaidAt.Day(2023, 5, 22).IsDefault);
    }

    [Fact]
    public void A_value_takes_24_bytes_since_every_statement_the_index_holds_carries_one()
    {
        Assert.Equal(24, System.Runtime.CompilerServices.Unsafe.SizeOf<SaidAt>());
    }
}
