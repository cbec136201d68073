namespace ClaimsLedger.Benchmarks.Measurement;

/// <summary>Named figures collected over one or more runs; the table shows each one's median and range.</summary>
internal sealed class Metrics
{
    private readonly Dictionary<string, List<double>> _values = new(StringComparer.Ordinal);

    public void Add(string name, double value)
    {
        if (!_values.TryGetValue(name, out var list))
        {
            _values[name] = list = [];
        }

        list.Add(value);
    }

    public bool Has(string name) => _values.ContainsKey(name);

    public double Median(string name) => _values.TryGetValue(name, out var list) ? Stats.Median(list) : double.NaN;

    /// <summary>Every value collected under <paramref name="name"/>, in order, as text.</summary>
    public string Values(string name) => _values.TryGetValue(name, out var list)
        ? string.Join(", ", list.Select(v => v.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture)))
        : "—";

    /// <summary>
    /// <paramref name="numerator"/> / <paramref name="denominator"/> within each run (the targets are ratios
    /// measured in one run); empty unless both were collected once per run.
    /// </summary>
    public IReadOnlyList<double> RatiosPerRun(string numerator, string denominator) =>
        _values.TryGetValue(numerator, out var top) && _values.TryGetValue(denominator, out var bottom)
        && top.Count == bottom.Count
            ? [.. top.Zip(bottom, (a, b) => a / b)]
            : [];

    /// <summary>"" for one run, else " (min–max)" in the given format.</summary>
    public string Spread(string name, Func<double, string> format) =>
        _values.TryGetValue(name, out var list) && list.Count > 1
            ? $" ({format(list.Min())}–{format(list.Max())})"
            : string.Empty;
}
