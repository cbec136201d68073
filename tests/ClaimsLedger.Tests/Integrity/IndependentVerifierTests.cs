using System.Diagnostics;
using System.Text;
using ClaimsLedger.Integrity;
using ClaimsLedger.Tests.Docs;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using static ClaimsLedger.Tests.Interchange.ExportIntegrityTests;
using static ClaimsLedger.Tests.Interchange.ImportExportTests;

namespace ClaimsLedger.Tests.Integrity;

/// <summary>
/// tools/verify-export.py, written from docs/integrity.md with Python's standard library only, agrees with the library
/// on the chain: the same head and tree root, and the same verdict on a file whose ledger objects were tampered with.
/// (It checks the ledger objects only, not the readable fields; claims import checks both.) CI installs python3 and
/// fails if these skip.
/// </summary>
public sealed class IndependentVerifierTests : IDisposable
{
    private static readonly string? Python = FindPython();
    private readonly string _directory = Directory.CreateTempSubdirectory("claims-verify-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [SkippableFact]
    public async Task The_independent_verifier_accepts_an_export_with_the_library_s_head_and_root()
    {
        var (ledger, _) = await RecordedBelgorodWithCorrectionAsync();
        var digest = await LedgerIntegrity.DigestAsync(ledger.Store);
        var file = await WriteAsync("export.ndjson", Lines(await ExportAsync(ledger.Store)));

        var (status, output) = await RunAsync(file);
        var (withDigest, _) = await RunAsync(file, "--digest", digest.ToString());

        Assert.Equal(0, status);
        Assert.Equal($"OK: {digest.Size} events, head hash {digest.Hash}, tree root {digest.Root}", output.Trim());
        Assert.Equal(0, withDigest);
    }

    [SkippableFact]
    public async Task The_independent_verifier_names_the_first_tampered_line()
    {
        var (ledger, _) = await RecordedBelgorodWithCorrectionAsync();
        var lines = Lines(await ExportAsync(ledger.Store)).ToList();
        var line = Parse(lines[9]);
        var data = Encoding.UTF8.GetString(Convert.FromBase64String((string)line["ledger"]!["data"]!));
        line["ledger"]!["data"] = Convert.ToBase64String(Encoding.UTF8.GetBytes(data.Replace("\"", " \"", StringComparison.Ordinal)));
        lines[9] = line.ToString(Formatting.None);
        var file = await WriteAsync("tampered.ndjson", lines);

        var (status, output) = await RunAsync(file);

        Assert.Equal(1, status);
        Assert.StartsWith("line 10: broken at sequence 10: its content does not match its hash", output, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task The_independent_verifier_catches_a_rehashed_forgery_and_a_truncation_against_the_digest()
    {
        var (ledger, _) = await RecordedBelgorodWithCorrectionAsync();
        var digest = await LedgerIntegrity.DigestAsync(ledger.Store);
        var lines = Lines(await ExportAsync(ledger.Store)).ToList();
        var forged = lines.ToList();
        var line = Parse(forged[20]);
        // One tick later: the kind of quiet change a chain recomputed by the forger hides, but a digest does not.
        line["ledger"]!["recordedAt"] = ((string)line["ledger"]!["recordedAt"]!).Replace("0Z", "1Z", StringComparison.Ordinal);
        forged[20] = line.ToString(Formatting.None);
        Rehash(forged, from: 20);
        var forgedFile = await WriteAsync("forged.ndjson", forged);
        var truncatedFile = await WriteAsync("truncated.ndjson", lines[..^3]);

        var (forgedAlone, _) = await RunAsync(forgedFile);
        var (forgedStatus, forgedOutput) = await RunAsync(forgedFile, "--digest", digest.ToString());
        var (truncatedStatus, truncatedOutput) = await RunAsync(truncatedFile, "--digest", digest.ToString());

        Assert.Equal(0, forgedAlone);
        Assert.Equal(1, forgedStatus);
        Assert.Contains("does not extend the digest", forgedOutput, StringComparison.Ordinal);
        Assert.Equal(1, truncatedStatus);
        Assert.Contains($"the export holds {digest.Size - 3} events, fewer than the digest's {digest.Size}", truncatedOutput,
            StringComparison.Ordinal);
    }

    public static TheoryData<string, string> Malformed => new()
    {
        { "data", "e30=!!*" },
        { "recordedAt", "2023-05-26T12:00:00Z" },
        { "version", "true" },
        { "hash", "ABC" },
    };

    [SkippableTheory]
    [MemberData(nameof(Malformed))]
    public async Task The_independent_verifier_refuses_a_malformed_ledger_field_as_bad_input(string field, string value)
    {
        var (ledger, _) = await RecordedBelgorodWithCorrectionAsync();
        var lines = Lines(await ExportAsync(ledger.Store)).ToList();
        var line = Parse(lines[3]);
        line["ledger"]![field] = value == "true" ? new JValue(true) : new JValue(value);
        lines[3] = line.ToString(Formatting.None);
        var file = await WriteAsync("malformed.ndjson", lines);

        var (status, output) = await RunAsync(file);

        Assert.Equal(2, status);
        Assert.StartsWith($"bad input: line 4: ledger.{field}", output, StringComparison.Ordinal);
    }

    private static JObject Parse(string text)
    {
        using var reader = new JsonTextReader(new StringReader(text)) { DateParseHandling = DateParseHandling.None };
        return JObject.Load(reader);
    }

    private async Task<string> WriteAsync(string name, IEnumerable<string> lines)
    {
        var path = Path.Combine(_directory, name);
        await File.WriteAllTextAsync(path, string.Join('\n', lines) + "\n");
        return path;
    }

    private static async Task<(int Status, string Output)> RunAsync(params string[] arguments)
    {
        Skip.If(Python is null, "python3 is not installed (CI installs it)");
        var start = new ProcessStartInfo(Python!) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(ReadmeTests.RepositoryRoot(), "tools", "verify-export.py"));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output + await error);
    }

    private static string? FindPython() =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator)
        .Select(directory => Path.Combine(directory, "python3"))
        .FirstOrDefault(File.Exists);
}
