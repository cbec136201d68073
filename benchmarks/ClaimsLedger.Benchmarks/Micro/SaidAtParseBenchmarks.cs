using BenchmarkDotNet.Attributes;

namespace ClaimsLedger.Benchmarks.Micro;

/// <summary><see cref="SaidAt.Parse"/> of each precision the interchange format and the CLI accept.</summary>
[MemoryDiagnoser]
public class SaidAtParseBenchmarks
{
    [Params("2023-05-22", "2023-05-22T10:15Z", "2023-02", "2023", "2023-05-22/2023-05-26")]
    public string Text { get; set; } = string.Empty;

    [Benchmark]
    public SaidAt Parse() => SaidAt.Parse(Text);
}
