using ClaimsLedger.Events;
using ClaimsLedger.Serialization;
using CsCheck;

namespace ClaimsLedger.Tests.Serialization;

/// <summary>
/// The UTF-8 encoder (<see cref="Utf8EventEncoder"/>) against the Newtonsoft encoder that defines the format: the
/// same bytes for every event it writes, and every statement type written by it.
/// </summary>
public sealed class FastEncodingTests
{
    [Fact]
    public void Every_event_the_fast_encoder_writes_has_the_bytes_Newtonsoft_writes()
    {
        EventGen.Event.Sample(@event =>
        {
            var fast = Utf8EventEncoder.TryEncode(@event);
            if (fast is not null)
            {
                Assert.Equal(System.Text.Encoding.UTF8.GetString(EventSerializer.SerializeWithNewtonsoft(@event)),
                    System.Text.Encoding.UTF8.GetString(fast));
                Assert.Equal(EventSerializer.SerializeWithNewtonsoft(@event), fast);
            }
        }, iter: 20_000);
    }

    [Fact]
    public void Statements_and_strikes_are_written_by_the_fast_encoder_and_registrations_are_left_to_Newtonsoft()
    {
        var written = new HashSet<string>(StringComparer.Ordinal);
        EventGen.Event.Sample(@event =>
        {
            if (Utf8EventEncoder.TryEncode(@event) is not null)
            {
                lock (written)
                {
                    written.Add(EventTypeNames.Of(@event));
                }
            }
        }, iter: 5_000);

        Assert.Equal(
            [
                "evidence-presented.v1", "investigation-concluded.v1", "investigation-opened.v1", "reaction-expressed.v1",
                "statement-asserted.v1", "statement-denied.v1", "statement-retracted.v1", "statement-struck.v1",
            ],
            written.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Events_with_a_null_required_field_are_written_as_Newtonsoft_writes_them()
    {
        // Not valid events, but validation serialises a proposed event to compare it with a stored one.
        LedgerEvent[] events =
        [
            new InvestigationConcluded("con-1", "claim-1", "actor-1", SaidAt.Parse("2023"), "source-1", "inv-1", null!),
            new EvidencePresented("ev-1", "claim-1", "actor-1", SaidAt.Parse("2023"), "source-1", EvidenceKind.Photo, null!),
            new StatementStruck("cor-1", "st-1", null!),
        ];

        foreach (var @event in events)
        {
            Assert.Equal(EventSerializer.SerializeWithNewtonsoft(@event), EventSerializer.Serialize(@event));
        }
    }

    [Fact]
    public void A_quote_of_a_megabyte_is_written_whole_and_the_next_event_is_not_affected()
    {
        var quote = new string('q', 1_000_000) + "\"\u2028é";
        var big = new StatementAsserted("st-big", "claim-1", "actor-1", SaidAt.Parse("2023-05-22"), "source-1") { Quote = quote };
        var small = new StatementDenied("st-small", "claim-1", "actor-2", SaidAt.Parse("2023"), "source-1");

        Assert.Equal(EventSerializer.SerializeWithNewtonsoft(big), Utf8EventEncoder.TryEncode(big));
        Assert.Equal(EventSerializer.SerializeWithNewtonsoft(small), Utf8EventEncoder.TryEncode(small));
    }

    [Fact]
    public void Tests_run_every_fast_path_against_Newtonsoft()
    {
        // The test projects set the switch (Directory.Build.props), so every event of every test meets Newtonsoft.
        Assert.True(EventSerializer.ChecksAgainstReference);
    }
}
