using System.Text;
using ClaimsLedger.EventStoreDb.Wire;
using ClaimsLedger.Storage;

namespace ClaimsLedger.EventStoreDb.Tests.Wire;

/// <summary>The custom metadata the store writes: the ledger's metadata verbatim, recordedAt and the ledger head.</summary>
public sealed class EnvelopeTests
{
    private static readonly DateTimeOffset Stamp = new(2023, 5, 26, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void The_ledger_metadata_comes_back_byte_for_byte_inside_a_json_object()
    {
        var metadata = Encoding.UTF8.GetBytes("{\"correlationId\":\"abc\",  \"note\":\"ünïcødé\"}");

        var written = Envelope.Write(Stamp, new GlobalPosition(1200, 1100), metadata);
        var read = Envelope.Read(written)!.Value;

        Assert.StartsWith("{\"recordedAt\":\"2023-05-26T12:00:00.0000000Z\",\"ledgerHead\":\"1200/1100\",\"metadata\":{",
            Encoding.UTF8.GetString(written), StringComparison.Ordinal);
        Assert.Equal(Stamp, read.RecordedAt);
        Assert.Equal(new GlobalPosition(1200, 1100), read.LedgerHead);
        Assert.Equal(metadata, read.Metadata.ToArray());
    }

    [Theory]
    [InlineData("")]
    [InlineData("not json")]
    [InlineData(" {\"padded\":true} ")]
    [InlineData("\"a string\"")]
    public void Metadata_that_is_not_one_json_object_still_round_trips(string text)
    {
        var metadata = Encoding.UTF8.GetBytes(text);

        var read = Envelope.Read(Envelope.Write(Stamp, null, metadata))!.Value;

        Assert.Equal(metadata, read.Metadata.ToArray());
        Assert.Null(read.LedgerHead);
    }

    [Theory]
    [InlineData("")]
    [InlineData("{\"correlationId\":\"x\"}")]
    [InlineData("binary")]
    public void Custom_metadata_written_by_someone_else_is_not_taken_for_an_envelope(string text) =>
        Assert.Null(Envelope.Read(Encoding.UTF8.GetBytes(text)));
}
