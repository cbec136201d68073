using System.Text;
using ClaimsLedger.EventStoreDb.Wire;
using ClaimsLedger.Storage;
using Google.Protobuf;

namespace ClaimsLedger.EventStoreDb.Tests.Wire;

/// <summary>
/// The bytes of the requests, checked against field numbers and wire types taken from the protocol sheet by hand (tag
/// = field number × 8 + wire type; 0 varint, 2 length-delimited). The fake node shares the client's message classes,
/// so these tests (and <see cref="ResponseBytesTests"/> for the server's answers) are what catches a wrong field
/// number in the .proto.
/// </summary>
public sealed class WireBytesTests
{
    private static readonly ByteString Stream = ByteString.CopyFromUtf8("s");

    [Fact]
    public void Append_options_carry_the_stream_in_field_3_of_the_identifier_and_no_stream_as_field_3()
    {
        var bytes = Requests.AppendOptions(Stream, expectedRevision: null).ToByteArray();

        // AppendReq.options (1) { stream_identifier (1) { stream_name (3) "s" }, no_stream (3) {} }
        Assert.Equal([0x0A, 0x07, 0x0A, 0x03, 0x1A, 0x01, (byte)'s', 0x1A, 0x00], bytes);
    }

    [Fact]
    public void An_exact_expected_revision_is_field_2()
    {
        var bytes = Requests.AppendOptions(Stream, expectedRevision: 5).ToByteArray();

        Assert.Equal([0x0A, 0x07, 0x0A, 0x03, 0x1A, 0x01, (byte)'s', 0x10, 0x05], bytes);
    }

    [Fact]
    public void A_stream_read_sets_revision_direction_count_no_filter_uuid_option_and_compatibility()
    {
        var bytes = Requests.ReadStream(Stream, ReadDirection.Backwards, 7, 3).ToByteArray();

        // options (1) { stream (1) { stream_identifier (1) {3:"s"}, revision (2) 7 }, read_direction (3) 1,
        // count (5) 3, no_filter (8) {}, uuid_option (9) { structured (1) {} }, control_option (10) { compatibility (1) 1 } }
        byte[] options = [0x0A, 0x07, 0x0A, 0x03, 0x1A, 0x01, (byte)'s', 0x10, 0x07, 0x18, 0x01, 0x28, 0x03, 0x42, 0x00,
            0x4A, 0x02, 0x0A, 0x00, 0x52, 0x02, 0x08, 0x01];
        Assert.Equal([0x0A, (byte)options.Length, .. options], bytes);
    }

    [Fact]
    public void A_subscription_to_all_is_filtered_by_prefix_with_a_checkpoint_multiplier_of_one()
    {
        var bytes = Requests.SubscribeToAll(new GlobalPosition(0x10, 0x20), ["p"]).ToByteArray();

        // options (1) { all (2) { position (1) { 1: 0x10, 2: 0x20 } }, subscription (6) {},
        // filter (7) { stream_identifier (1) { prefix (2) "p" }, count (4) {}, checkpointIntervalMultiplier (5) 1 }, ... }
        byte[] all = [0x12, 0x06, 0x0A, 0x04, 0x08, 0x10, 0x10, 0x20];
        byte[] filter = [0x3A, 0x09, 0x0A, 0x03, 0x12, 0x01, (byte)'p', 0x22, 0x00, 0x28, 0x01];
        Assert.Equal([0x0A, 0x1D, .. all, 0x32, 0x00, .. filter, 0x4A, 0x02, 0x0A, 0x00, 0x52, 0x02, 0x08, 0x01], bytes);
    }

    [Fact]
    public void A_proposed_event_carries_its_type_json_content_type_metadata_and_data()
    {
        var id = Guid.Parse("00112233-4455-6677-8899-aabbccddeeff");
        var message = Requests.Proposed(new EventData(id, "t", Encoding.UTF8.GetBytes("{}"), ReadOnlyMemory<byte>.Empty), [0x7B, 0x7D])
            .ProposedMessage;

        Assert.Equal("t", message.Metadata["type"]);
        Assert.Equal("application/json", message.Metadata["content-type"]);
        Assert.Equal("{}", message.Data.ToStringUtf8());
        Assert.Equal("{}", message.CustomMetadata.ToStringUtf8());
        // AppendReq.proposed_message is field 2; its id (1) is the structured UUID (1) of two int64 fields.
        Assert.Equal(0x12, Requests.Proposed(new EventData(id, "t", Array.Empty<byte>(), ReadOnlyMemory<byte>.Empty), [])
            .ToByteArray()[0]);
        Assert.StartsWith("0A", Convert.ToHexString(message.Id.ToByteArray()), StringComparison.Ordinal);
    }
}
