using BenchmarkDotNet.Attributes;
using ClaimsLedger.Events;
using ClaimsLedger.Serialization;

namespace ClaimsLedger.Benchmarks.Micro;

/// <summary>
/// The event decoder every rebuild runs once per event (Newtonsoft.Json through the ledger's settings), and the encoder
/// every append runs, on typical events of the synthetic ledger.
/// </summary>
[MemoryDiagnoser]
public class EventSerializationBenchmarks
{
    private static readonly Dictionary<string, LedgerEvent> Samples = new(StringComparer.Ordinal)
    {
        ["asserted"] = new StatementAsserted("st-00000042", "claim-000042", "actor-00042", SaidAt.Parse("2023-05-22"),
            "source-0042")
        { Certainty = Certainty.Probable, Quote = "quote of st-00000042" },
        ["retracted"] = new StatementRetracted("st-00000043", "claim-000042", "actor-00042", SaidAt.Parse("2023-05-24"),
            "source-0042", "st-00000042"),
        ["amended"] = new StatementAmended("fix-0000001", "st-00000042",
            new StatementChanges { Certainty = Certainty.Certain }, "checked against the recording"),
        ["claim"] = new ClaimRegistered("claim-000042", "Synthetic claim number 42") { Incidents = ["incident-42"] },
    };

    private LedgerEvent _event = null!;
    private string _type = string.Empty;
    private byte[] _json = [];

    [Params("asserted", "retracted", "amended", "claim")]
    public string Kind { get; set; } = string.Empty;

    [GlobalSetup]
    public void Setup()
    {
        _event = Samples[Kind];
        _type = EventTypeNames.Of(_event);
        _json = EventSerializer.Serialize(_event);
    }

    [Benchmark(Baseline = true)]
    public LedgerEvent Deserialize() => EventSerializer.Deserialize(_type, _json);

    [Benchmark]
    public byte[] Serialize() => EventSerializer.Serialize(_event);
}
