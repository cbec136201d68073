namespace ClaimsLedger.Tests.Ids;

public sealed class IdTests
{
    [Theory]
    [InlineData("a")]
    [InlineData("ukraine-involved-in-belgorod-raid")]
    [InlineData("nbc_2023.05.24")]
    [InlineData("2023")]
    public void A_lowercase_slug_is_a_valid_id(string value)
    {
        var id = new ClaimId(value);

        Assert.Equal(value, id.Value);
        Assert.Equal(value, id.ToString());
        Assert.False(id.IsDefault);
    }

    [Theory]
    [InlineData("")]
    [InlineData("Kirby")]
    [InlineData("us officials")]
    [InlineData("-leading-dash")]
    [InlineData("trailing.")]
    [InlineData("quote'd")]
    [InlineData("semi;colon")]
    [InlineData("ünïcode")]
    public void A_malformed_id_is_rejected_naming_the_kind_and_value(string value)
    {
        var error = Assert.Throws<InvalidIdException>(() => new ActorId(value));

        Assert.Equal("actor", error.Kind);
        Assert.Equal(value, error.Value);
        Assert.Contains($"'{value}' is not a valid actor id", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_id_longer_than_128_characters_is_rejected()
    {
        Assert.Throws<InvalidIdException>(() => new StatementId(new string('a', 129)));
        Assert.Equal(128, new StatementId(new string('a', 128)).Value.Length);
    }

    [Fact]
    public void A_null_id_is_rejected_as_missing()
    {
        var error = Assert.Throws<InvalidIdException>(() => new SourceId(null!));

        Assert.Equal("a source id is required", error.Message);
    }

    [Fact]
    public void The_default_id_is_marked_as_missing()
    {
        Assert.True(default(ClaimId).IsDefault);
        Assert.Equal(string.Empty, default(CorrectionId).Value);
    }

    [Fact]
    public void Ids_compare_by_value_and_order_ordinally()
    {
        ClaimId a = "alpha";
        ClaimId b = "beta";

        Assert.Equal(new ClaimId("alpha"), a);
        Assert.True(a.CompareTo(b) < 0);
    }
}
