using System.Text;
using ClaimsLedger.Cli.Generation;
using ClaimsLedger.Events;
using ClaimsLedger.Interchange;

namespace ClaimsLedger.Benchmarks.Data;

/// <summary>
/// Synthetic ledgers from the generator behind <c>claims generate</c>, cached as notes files under the work folder,
/// and interchange files read back into events.
/// </summary>
internal static class LedgerFiles
{
    /// <summary>The generated notes file for <paramref name="spec"/>, written once and then reused.</summary>
    public static async Task<string> GenerateAsync(SyntheticSpec spec, CancellationToken cancellationToken)
    {
        var path = BenchPaths.File($"synthetic-{spec.Key}.ndjson");
        if (File.Exists(path))
        {
            return path;
        }

        var partial = path + ".partial";
        await using (var writer = new StreamWriter(partial, append: false, new UTF8Encoding(false), 1 << 16))
        {
            var options = new SyntheticLedgerOptions(spec.Statements, spec.Claims, spec.Actors, spec.Sources, spec.Seed);
            await SyntheticLedger.WriteAsync(writer, options, cancellationToken);
        }

        File.Move(partial, path, overwrite: true);
        return path;
    }

    /// <summary>The events of a synthetic ledger, in the generator's order.</summary>
    public static async Task<IReadOnlyList<LedgerEvent>> SyntheticAsync(SyntheticSpec spec,
        CancellationToken cancellationToken) =>
        await ReadAsync(await GenerateAsync(spec, cancellationToken), cancellationToken);

    /// <summary>Reads a notes file into events; throws on the first bad line (the inputs here are known good).</summary>
    public static async Task<IReadOnlyList<LedgerEvent>> ReadAsync(string path, CancellationToken cancellationToken)
    {
        var events = new List<LedgerEvent>();
        var errors = new List<InterchangeError>();
        using var reader = new StreamReader(path, Encoding.UTF8, false, 1 << 16);
        long number = 0;
        while (await reader.ReadLineAsync(cancellationToken) is { } text)
        {
            number++;
            if (string.IsNullOrWhiteSpace(text))
            {
                continue;
            }

            var line = InterchangeParser.Parse(text, number, errors)
                       ?? throw new InvalidDataException($"{path}: {string.Join("; ", errors)}");
            events.Add(line.Event);
        }

        return events;
    }
}
