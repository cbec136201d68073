using BenchmarkDotNet.Attributes;
using ClaimsLedger.Events;
using ClaimsLedger.Serialization;

namespace ClaimsLedger.Benchmarks.Micro;

/// <summary>
/// The event decoder every rebuild runs once per event, and the encoder every append runs, on typical events of the
/// synthetic ledger. <c>Deserialize</c> is what the ledger calls (the UTF-8 decoder, Newtonsoft for what it does not
/// read); <c>DeserializeNewtonsoft</c> is the Newtonsoft path alone, the decoder before the UTF-8 one, measured in the
/// same run so that the two compare under the same load.
/// </summary>
[MemoryDiagnoser]
public class EventSerializationBenchmarks
{
    private static readonly Dictionary<string, LedgerEvent> Samples = new(StringComparer.Ordinal)
    {
        ["asserted"] = new StatementAsserted("st-00000042", "claim-000042", "actor-00042", SaidAt.Parse("2023-05-22"),
            "source-0042")
        { Certainty = Certainty.Probable, Quote = "quote of st-00000042" },
        ["denied"] = new StatementDenied("st-00000044", "claim-000042", "actor-00043",
            SaidAt.Parse("2023-05-22T10:15Z"), "source-0042"),
        ["retracted"] = new StatementRetracted("st-00000043", "claim-000042", "actor-00042", SaidAt.Parse("2023-05-24"),
            "source-0042", "st-00000042"),
        ["reaction"] = new ReactionExpressed("st-00000045", "claim-000042", "actor-00044", SaidAt.Parse("2023-05"),
            "source-0042", ReactionKind.Warns),
        ["evidence"] = new EvidencePresented("st-00000046", "claim-000042", "actor-00045",
            SaidAt.Parse("2023-05-22/2023-05-26"), "source-0042", EvidenceKind.Document, "document st-00000046"),
        ["concluded"] = new InvestigationConcluded("st-00000047", "claim-000042", "actor-00046", SaidAt.Parse("2023"),
            "source-0042", "st-00000041", new Finding(FindingOutcome.Refuted)),
        ["amended"] = new StatementAmended("fix-0000001", "st-00000042",
            new StatementChanges { Certainty = Certainty.Certain }, "checked against the recording"),
        ["struck"] = new StatementStruck("fix-0000002", "st-00000043", "recorded in error"),
        ["claim"] = new ClaimRegistered("claim-000042", "Synthetic claim number 42") { Incidents = ["incident-42"] },
        ["actor"] = new ActorRegistered("actor-00042", "Speaker 42", ActorKind.Government),
        ["source"] = new SourceRegistered("source-0042", "Publisher 42", "Report 42") { Published = SaidAt.Parse("2022-02-12") },
    };

    private LedgerEvent _event = null!;
    private string _type = string.Empty;
    private byte[] _json = [];

    [Params("asserted", "denied", "retracted", "reaction", "evidence", "concluded", "amended", "struck", "claim", "actor",
        "source")]
    public string Kind { get; set; } = string.Empty;

    [GlobalSetup]
    public void Setup()
    {
        _event = Samples[Kind];
        _type = EventTypeNames.Of(_event);
        _json = EventSerializer.Serialize(_event);
    }

    [Benchmark(Baseline = true)]
    public LedgerEvent DeserializeNewtonsoft() => EventSerializer.DeserializeWithNewtonsoft(_type, _json);

    [Benchmark]
    public LedgerEvent Deserialize() => EventSerializer.Deserialize(_type, _json);

    [Benchmark]
    public byte[] Serialize() => EventSerializer.Serialize(_event);
}
