using BenchmarkDotNet.Attributes;
using ClaimsLedger.Benchmarks.Data;
using ClaimsLedger.Events;
using ClaimsLedger.Serialization;

namespace ClaimsLedger.Benchmarks.Micro;

/// <summary>
/// The rebuild's decoding step on a whole synthetic ledger (CLAIMS_MICRO_STATEMENTS statements, default 100,000, in
/// the generator's mix of kinds): every payload decoded and kept, as the index keeps it, so the figure includes what
/// the collector does with the decoded events. Per event.
/// </summary>
[MemoryDiagnoser]
public class LedgerDecodingBenchmarks
{
    private (string Type, byte[] Data)[] _payloads = [];
    private LedgerEvent[] _kept = [];
    private int _next;

    [ParamsSource(nameof(Sizes))]
    public int Statements { get; set; }

    public static IEnumerable<int> Sizes => LoadedLedger.Sizes;

    [GlobalSetup]
    public void Setup()
    {
        var events = LedgerFiles.SyntheticAsync(SyntheticSpec.ForSize(Statements), CancellationToken.None)
            .GetAwaiter().GetResult();
        _payloads = [.. events.Select(e => (EventTypeNames.Of(e), EventSerializer.Serialize(e)))];
        _kept = new LedgerEvent[_payloads.Length];
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = 1_000)]
    public void Newtonsoft() => Decode(EventSerializer.DeserializeWithNewtonsoft);

    [Benchmark(OperationsPerInvoke = 1_000)]
    public void Utf8() => Decode(EventSerializer.Deserialize);

    /// <summary>Decodes the next 1,000 payloads, going round the ledger from one call to the next, so that an
    /// iteration sees the whole mix while a call stays short enough to time.</summary>
    private void Decode(Func<string, ReadOnlySpan<byte>, LedgerEvent> decode)
    {
        var next = _next;
        for (var n = 0; n < 1_000; n++)
        {
            _kept[next] = decode(_payloads[next].Type, _payloads[next].Data);
            next = next + 1 == _payloads.Length ? 0 : next + 1;
        }

        _next = next;
    }
}
