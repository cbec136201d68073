using System.Text;
using ClaimsLedger.EventStoreDb.Protocol;
using ClaimsLedger.EventStoreDb.Wire;
using ClaimsLedger.EventStoreDb.Writing;
using ClaimsLedger.Storage;
using Google.Protobuf;

namespace ClaimsLedger.EventStoreDb.Tests.Wire;

/// <summary>
/// Server answers built by hand from the protocol sheet's field numbers (sections 3.2 and 4.2), not with the
/// product's generated classes, then decoded as the store decodes them: a wrong field number in the product's .proto
/// shows here, which the fake node (sharing those classes) cannot catch.
/// </summary>
public sealed class ResponseBytesTests
{
    private const string Where = "node:2113";
    private static readonly Guid Id = Guid.Parse("00112233-4455-6677-8899-aabbccddeeff");
    private static readonly DateTimeOffset Stamp = new(2023, 5, 26, 12, 0, 0, TimeSpan.Zero);
    private static readonly LedgerStreamNames Names = new("news/");

    [Fact]
    public void A_read_event_gives_every_field_of_the_recorded_event_and_the_ledger_envelope_in_its_custom_metadata()
    {
        var custom = Envelope.Write(Stamp, new GlobalPosition(900, 800), "{\"correlationId\":\"x\"}"u8.ToArray());
        var bytes = ReadEvent(Recorded(StructuredId(), "news/claim:c", revision: 7, prepare: 1200, commit: 1300,
            ("type", "claim-registered.v1"), ("content-type", "application/json"), ("created", "16851024000000000"),
            custom: custom, data: "{\"claim\":\"c\"}"u8.ToArray()), commitPosition: 1300);

        var response = ReadResp.Parser.ParseFrom(bytes);
        Assert.Equal(ReadResp.ContentOneofCase.Event, response.ContentCase);
        var e = EventDecoder.Decode(response.Event, Names, Where);

        Assert.Equal(new StreamName("claim:c"), e.Stream);
        Assert.Equal(7, e.Revision);
        Assert.Equal(new GlobalPosition(1300, 1200), e.Position);
        Assert.Equal(Id, e.Id);
        Assert.Equal("claim-registered.v1", e.Type);
        Assert.Equal("{\"claim\":\"c\"}", Encoding.UTF8.GetString(e.Data.Span));
        Assert.Equal("{\"correlationId\":\"x\"}", Encoding.UTF8.GetString(e.Metadata.Span));
        Assert.Equal((Stamp, new GlobalPosition(900, 800), true), (e.Stamp, e.LedgerHead, e.Tracked));
    }

    [Fact]
    public void A_read_event_written_by_another_tool_keeps_its_custom_metadata_and_takes_the_servers_created_time()
    {
        // created: .NET ticks since the Unix epoch (sheet section 5); 16851024000000000 ticks = 2023-05-26T12:00:00Z.
        var bytes = ReadEvent(Recorded(StringId(), "news/claim:c", revision: 0, prepare: 10, commit: 10,
            ("type", "foreign.v1"), ("content-type", "application/octet-stream"), ("created", "16851024000000000"),
            custom: "{\"by\":\"tool\"}"u8.ToArray(), data: [1, 2, 3]), commitPosition: 10);

        var e = EventDecoder.Decode(ReadResp.Parser.ParseFrom(bytes).Event, Names, Where);

        Assert.Equal(Id, e.Id);
        Assert.Equal("{\"by\":\"tool\"}", Encoding.UTF8.GetString(e.Metadata.Span));
        Assert.Equal([1, 2, 3], e.Data.ToArray());
        Assert.Equal((Stamp, (GlobalPosition?)null, false), (e.Stamp, e.LedgerHead, e.Tracked));
    }

    [Theory]
    [InlineData(2, "Confirmation")]
    [InlineData(3, "Checkpoint")]
    [InlineData(4, "StreamNotFound")]
    [InlineData(8, "CaughtUp")]
    [InlineData(9, "FellBehind")]
    public void The_other_read_answers_are_told_apart_by_their_field_number(int field, string expected)
    {
        var bytes = Message(o => Field(o, field, []));

        Assert.Equal(expected, ReadResp.Parser.ParseFrom(bytes).ContentCase.ToString());
    }

    [Fact]
    public void An_append_success_gives_the_current_revision()
    {
        // AppendResp.success (1) { current_revision (1) 5, position (3) { commit (1) 1300, prepare (2) 1200 } }
        var bytes = Message(o => Field(o, 1, Message(s =>
        {
            Varint(s, 1, 5);
            Field(s, 3, Message(p =>
            {
                Varint(p, 1, 1300);
                Varint(p, 2, 1200);
            }));
        })));

        Assert.Equal(new AppendOutcome(true, 5), Decode(bytes));
    }

    [Fact]
    public void An_empty_append_to_a_missing_stream_succeeds_with_no_stream()
    {
        // success (1) { no_stream (2) {}, no_position (4) {} }
        var bytes = Message(o => Field(o, 1, Message(s =>
        {
            Field(s, 2, []);
            Field(s, 4, []);
        })));

        Assert.Equal(new AppendOutcome(true, null), Decode(bytes));
    }

    [Fact]
    public void A_wrong_expected_version_from_a_current_server_gives_the_actual_revision_from_fields_6_to_11()
    {
        // wrong_expected_version (2) { legacy: current_revision_20_6_0 (1) 3, expected_revision_20_6_0 (3) 1;
        // current: current_revision (6) 3, expected_revision (8) 1 }
        var bytes = Message(o => Field(o, 2, Message(w =>
        {
            Varint(w, 1, 3);
            Varint(w, 3, 1);
            Varint(w, 6, 3);
            Varint(w, 8, 1);
        })));

        Assert.Equal(new AppendOutcome(false, 3), Decode(bytes));
    }

    [Fact]
    public void A_wrong_expected_version_on_a_missing_stream_is_current_no_stream_field_7()
    {
        // no_stream_20_6_0 (2) {}, expected_revision_20_6_0 (3) 4, current_no_stream (7) {}, expected_revision (8) 4
        var bytes = Message(o => Field(o, 2, Message(w =>
        {
            Field(w, 2, []);
            Varint(w, 3, 4);
            Field(w, 7, []);
            Varint(w, 8, 4);
        })));

        Assert.Equal(new AppendOutcome(false, null), Decode(bytes));
    }

    [Fact]
    public void A_wrong_expected_version_from_a_20_6_server_falls_back_to_the_legacy_fields()
    {
        // 20.6.0 had only fields 1-5: current_revision (1) 9, expected_revision (3) 2^64-1 (expected no stream).
        var legacy = Message(o => Field(o, 2, Message(w =>
        {
            Varint(w, 1, 9);
            Varint(w, 3, ulong.MaxValue);
        })));
        var legacyNoStream = Message(o => Field(o, 2, Message(w =>
        {
            Field(w, 2, []);
            Field(w, 5, []);
        })));

        Assert.Equal(new AppendOutcome(false, 9), Decode(legacy));
        Assert.Equal(new AppendOutcome(false, null), Decode(legacyNoStream));
    }

    private static AppendOutcome Decode(byte[] bytes) =>
        AppendCall.Decode(AppendResp.Parser.ParseFrom(bytes), Where, new StreamName("claim:c"));

    // ReadResp.event (1) { event (1) RecordedEvent, commit_position (3) }
    private static byte[] ReadEvent(byte[] recorded, ulong commitPosition) => Message(o => Field(o, 1, Message(r =>
    {
        Field(r, 1, recorded);
        Varint(r, 3, commitPosition);
    })));

    // RecordedEvent: id (1), stream_identifier (2) { stream_name (3) }, stream_revision (3), prepare_position (4),
    // commit_position (5), metadata (6) map entries { key (1), value (2) }, custom_metadata (7), data (8).
    private static byte[] Recorded(byte[] id, string stream, ulong revision, ulong prepare, ulong commit,
        (string Key, string Value) type, (string Key, string Value) contentType, (string Key, string Value) created,
        byte[] custom, byte[] data) => Message(o =>
    {
        Field(o, 1, id);
        Field(o, 2, Message(s => Field(s, 3, Encoding.UTF8.GetBytes(stream))));
        Varint(o, 3, revision);
        Varint(o, 4, prepare);
        Varint(o, 5, commit);
        foreach (var (key, value) in new[] { type, contentType, created })
        {
            Field(o, 6, Message(entry =>
            {
                Field(entry, 1, Encoding.UTF8.GetBytes(key));
                Field(entry, 2, Encoding.UTF8.GetBytes(value));
            }));
        }

        Field(o, 7, custom);
        Field(o, 8, data);
    });

    // UUID.structured (1) { most_significant_bits (1), least_significant_bits (2) }, int64 as varints (sheet section 2).
    private static byte[] StructuredId() => Message(o => Field(o, 1, Message(s =>
    {
        Varint(s, 1, 0x0011223344556677);
        Varint(s, 2, unchecked((ulong)(long)0x8899aabbccddeeff));
    })));

    // UUID.string (2)
    private static byte[] StringId() => Message(o => Field(o, 2, Encoding.UTF8.GetBytes(Id.ToString("D"))));

    private static byte[] Message(Action<CodedOutputStream> write)
    {
        using var buffer = new MemoryStream();
        var output = new CodedOutputStream(buffer);
        write(output);
        output.Flush();
        return buffer.ToArray();
    }

    private static void Field(CodedOutputStream output, int number, byte[] payload)
    {
        output.WriteTag(number, WireFormat.WireType.LengthDelimited);
        output.WriteBytes(ByteString.CopyFrom(payload));
    }

    private static void Varint(CodedOutputStream output, int number, ulong value)
    {
        output.WriteTag(number, WireFormat.WireType.Varint);
        output.WriteUInt64(value);
    }
}
