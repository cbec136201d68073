using System.Globalization;
using System.Text;

namespace ClaimsLedger.Benchmarks.Measurement;

/// <summary>One line of the bench table.</summary>
internal sealed record ResultRow(string Operation, string Ours, string Baseline, string Ratio, string Target, string Result);

/// <summary>A Markdown table (it pastes into docs/performance.md as it is), its columns padded for the terminal.</summary>
internal sealed class ResultTable(params string[] header)
{
    private readonly List<string[]> _rows = [];

    public void Add(params string[] cells) => _rows.Add(cells);

    public void Add(ResultRow row) => Add(row.Operation, row.Ours, row.Baseline, row.Ratio, row.Target, row.Result);

    public override string ToString()
    {
        var widths = header.Select((h, i) => _rows.Select(r => r[i].Length).Append(h.Length).Max()).ToArray();
        var text = new StringBuilder();
        Line(text, header, widths);
        text.Append('|').AppendJoin('|', widths.Select(w => new string('-', w + 2))).Append("|\n");
        foreach (var row in _rows)
        {
            Line(text, row, widths);
        }

        return text.ToString();
    }

    private static void Line(StringBuilder text, string[] cells, int[] widths)
    {
        text.Append('|');
        for (var i = 0; i < cells.Length; i++)
        {
            text.Append(' ').Append(cells[i].PadRight(widths[i])).Append(" |");
        }

        text.Append('\n');
    }
}

/// <summary>How figures are written in the tables.</summary>
internal static class Format
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static string Rate(double eventsPerSecond) => double.IsNaN(eventsPerSecond)
        ? "—"
        : eventsPerSecond.ToString("N0", Invariant) + " ev/s";

    public static string Micros(double micros) => double.IsNaN(micros) ? "—"
        : micros >= 10_000 ? Millis(micros / 1000)
        : micros.ToString(micros < 100 ? "0.0" : "N0", Invariant) + " µs";

    public static string Millis(double millis) => double.IsNaN(millis) ? "—"
        : millis >= 10_000 ? (millis / 1000).ToString("0.00", Invariant) + " s"
        : millis.ToString(millis < 100 ? "0.0" : "N0", Invariant) + " ms";

    public static string Seconds(double seconds) => Millis(seconds * 1000);

    public static string Bytes(double bytes) => double.IsNaN(bytes) ? "—" : bytes.ToString("N0", Invariant) + " B";

    public static string Mebibytes(double bytes) =>
        double.IsNaN(bytes) ? "—" : (bytes / 1024 / 1024).ToString("N0", Invariant) + " MiB";

    public static string Ratio(double ratio) => double.IsNaN(ratio) ? "—"
        : ratio >= 100 ? ratio.ToString("N0", Invariant) + "×"
        : ratio.ToString(ratio >= 10 ? "0.0" : "0.00", Invariant) + "×";

    // One decimal: a ratio of 49.7 % printed as "50 %" beside MISSED read as a contradiction.
    public static string Percent(double ratio) => double.IsNaN(ratio) ? "—" : (ratio * 100).ToString("0.0", Invariant) + " %";

    public static string Count(double count) => count.ToString("N0", Invariant);

    /// <summary>"met", "MISSED", or "—" when the figure is missing.</summary>
    public static string Verdict(double value, bool met) => double.IsNaN(value) ? "—" : met ? "met" : "MISSED";
}
