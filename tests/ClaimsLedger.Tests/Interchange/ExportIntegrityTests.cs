using System.Text;
using ClaimsLedger.Integrity;
using ClaimsLedger.Interchange;
using ClaimsLedger.Storage;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using static ClaimsLedger.Tests.Interchange.ImportExportTests;

namespace ClaimsLedger.Tests.Interchange;

/// <summary>Exports carry the hash chain; an import verifies it and refuses a tampered file, naming the first bad line.</summary>
public sealed class ExportIntegrityTests
{
    [Fact]
    public async Task A_restored_export_has_the_same_hashes_and_digest_as_the_original()
    {
        var (original, _) = await RecordedBelgorodWithCorrectionAsync();
        var digest = await LedgerIntegrity.DigestAsync(original.Store);
        var (restored, _) = await NewLedgerAsync(new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero));

        var result = await LedgerInterchange.ImportAsync(restored, new StringReader(await ExportAsync(original.Store)));

        Assert.Equal(digest, result.Chain);
        Assert.Equal(digest, await LedgerIntegrity.DigestAsync(restored.Store));
    }

    [Fact]
    public async Task Every_export_line_carries_its_sequence_previous_hash_and_hash()
    {
        var (original, _) = await RecordedBelgorodWithCorrectionAsync();
        var stored = await original.Store.ReadAllForwardsAsync(GlobalPosition.Start).ToListAsync();

        var lines = Lines(await ExportAsync(original.Store));

        Assert.Equal(stored.Count, lines.Length);
        for (var i = 0; i < lines.Length; i++)
        {
            var ledger = Parse(lines[i])["ledger"]!;
            Assert.Equal(i + 1, (long)ledger["sequence"]!);
            Assert.Equal(EventHash.ToHex(stored[i].Hash.Span), (string)ledger["hash"]!);
            Assert.Equal(EventHash.ToHex(stored[i].PreviousHash.Span), (string)ledger["previous"]!);
            Assert.Equal(stored[i].Data.ToArray(), Convert.FromBase64String((string)ledger["data"]!));
        }
    }

    public static TheoryData<string, int, string, string> Tampering => new()
    {
        { "a readable field edited", 30, "quote", "the line was edited after it was exported" },
        { "the stored payload edited with its readable field", 30, "ledger.hash", "the chain breaks at sequence {n}: its content hashes to" },
        { "recordedAt changed", 12, "ledger.hash", "the chain breaks at sequence 13: its content hashes to" },
        { "a line removed", 20, "ledger.sequence", "expected sequence 21, found 22: a line before it was removed, or lines were reordered" },
        { "two lines swapped", 20, "ledger.sequence", "expected sequence 21, found 22: a line before it was removed, or lines were reordered" },
        { "a line inserted again", 20, "ledger.sequence", "expected sequence 22, found 21: lines were reordered or repeated" },
        { "the previous hash replaced", 5, "ledger.previous", "the chain breaks at sequence 6: its previous hash is not" },
    };

    [Theory]
    [MemberData(nameof(Tampering))]
    public async Task A_tampered_export_is_refused_naming_the_first_bad_line(string tampering, int index, string field, string message)
    {
        var (original, _) = await RecordedBelgorodWithCorrectionAsync();
        var lines = Lines(await ExportAsync(original.Store)).ToList();
        var statementLine = lines.FindIndex(index, l => l.Contains("\"quote\":", StringComparison.Ordinal));
        var badLine = tampering switch
        {
            "a readable field edited" => Edit(lines, statementLine, line => line["quote"] = "words never said"),
            "the stored payload edited with its readable field" => Edit(lines, statementLine, line =>
            {
                line["quote"] = "words never said";
                var data = Parse(Encoding.UTF8.GetString(Convert.FromBase64String((string)line["ledger"]!["data"]!)));
                data["quote"] = "words never said";
                line["ledger"]!["data"] = Convert.ToBase64String(Encoding.UTF8.GetBytes(data.ToString(Formatting.None)));
            }),
            "recordedAt changed" => Edit(lines, index, line => line["ledger"]!["recordedAt"] = "2023-05-26T11:59:59.0000000Z"),
            "a line removed" => Remove(lines, index),
            "two lines swapped" => Swap(lines, index),
            "a line inserted again" => Repeat(lines, index),
            "the previous hash replaced" => Edit(lines, index, line => line["ledger"]!["previous"] = new string('f', 64)),
            _ => throw new ArgumentOutOfRangeException(nameof(tampering)),
        };
        var (restored, _) = await NewLedgerAsync(new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero));

        var error = await Assert.ThrowsAsync<InterchangeException>(() =>
            LedgerInterchange.ImportAsync(restored, new StringReader(string.Join('\n', lines))));

        var first = error.Errors[0];
        Assert.Equal((badLine + 1, field), (first.Line, first.Field));
        Assert.Contains(message.Replace("{n}", $"{badLine + 1}", StringComparison.Ordinal), first.Message, StringComparison.Ordinal);
        Assert.Contains($"line {badLine + 1}: {field}: ", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, restored.EventCount);
    }

    [Fact]
    public async Task A_rehashed_forgery_imports_but_no_longer_matches_the_published_digest()
    {
        var (original, _) = await RecordedBelgorodWithCorrectionAsync();
        var published = await LedgerIntegrity.DigestAsync(original.Store);
        var lines = Lines(await ExportAsync(original.Store)).ToList();
        var target = lines.FindIndex(l => l.Contains("\"quote\":", StringComparison.Ordinal));
        Edit(lines, target, line =>
        {
            line["quote"] = "words never said";
            var data = Parse(Encoding.UTF8.GetString(Convert.FromBase64String((string)line["ledger"]!["data"]!)));
            data["quote"] = "words never said";
            line["ledger"]!["data"] = Convert.ToBase64String(Encoding.UTF8.GetBytes(data.ToString(Formatting.None)));
        });
        Rehash(lines, from: target);
        var (restored, _) = await NewLedgerAsync(new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero));

        var result = await LedgerInterchange.ImportAsync(restored, new StringReader(string.Join('\n', lines)));
        var report = await LedgerIntegrity.VerifyAsync(restored.Store, extends: published);

        Assert.NotEqual(published, result.Chain);
        Assert.False(report.IsIntact);
        Assert.Equal(IntegrityProblem.Digest, report.Break!.Problem);
    }

    [Fact]
    public async Task A_consistently_rehashed_export_that_would_restore_other_hashes_is_refused_naming_the_line()
    {
        var (original, _) = await RecordedBelgorodWithCorrectionAsync();
        var lines = Lines(await ExportAsync(original.Store)).ToList();
        // The stream version is not in the readable fields: the line still reads the same, but would not restore there.
        Edit(lines, 40, line => line["ledger"]!["version"] = (long)line["ledger"]!["version"]! + 5);
        Rehash(lines, from: 40);
        var (restored, _) = await NewLedgerAsync(new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero));

        var error = await Assert.ThrowsAsync<InterchangeException>(() =>
            LedgerInterchange.ImportAsync(restored, new StringReader(string.Join('\n', lines))));

        var bad = Assert.Single(error.Errors);
        Assert.Equal(41, bad.Line);
        Assert.Contains("would be chained with hash", bad.Message, StringComparison.Ordinal);
        Assert.Equal(0, restored.EventCount);
    }

    [Fact]
    public async Task An_export_stripped_of_its_hashes_is_refused_unless_allowed()
    {
        var (original, _) = await RecordedBelgorodWithCorrectionAsync();
        var lines = Lines(await ExportAsync(original.Store)).ToList();
        for (var i = 0; i < lines.Count; i++)
        {
            Edit(lines, i, line =>
            {
                var ledger = (JObject)line["ledger"]!;
                ledger.Remove("previous");
                ledger.Remove("hash");
                ledger["sequence"] = 0;
            });
        }

        var (refusing, _) = await NewLedgerAsync(new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var (trusting, _) = await NewLedgerAsync(new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var error = await Assert.ThrowsAsync<InterchangeException>(() =>
            LedgerInterchange.ImportAsync(refusing, new StringReader(string.Join('\n', lines))));
        var allowed = await LedgerInterchange.ImportAsync(trusting, new StringReader(string.Join('\n', lines)),
            new ImportOptions { AllowUnchained = true });

        var bad = Assert.Single(error.Errors);
        Assert.Equal((1, "ledger.hash"), (bad.Line, bad.Field));
        Assert.Contains("the export carries no hashes, so it cannot be verified", bad.Message, StringComparison.Ordinal);
        Assert.Equal(0, refusing.EventCount);
        Assert.Null(allowed.Chain);
        Assert.Equal(lines.Count, allowed.Appended);
        Assert.True((await LedgerIntegrity.VerifyAsync(trusting.Store)).IsIntact);
    }

    [Fact]
    public async Task The_stored_bytes_of_an_export_are_restored_as_they_are_even_when_this_version_would_write_others()
    {
        var (original, _) = await RecordedBelgorodWithCorrectionAsync();
        var lines = Lines(await ExportAsync(original.Store)).ToList();
        // As if an older version had written this event with other whitespace: same event, other bytes, its own hash.
        Edit(lines, 30, line =>
        {
            var data = Encoding.UTF8.GetString(Convert.FromBase64String((string)line["ledger"]!["data"]!));
            line["ledger"]!["data"] = Convert.ToBase64String(Encoding.UTF8.GetBytes(" " + data + "\n"));
        });
        Rehash(lines, from: 30);
        var (restored, _) = await NewLedgerAsync(new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero));

        var result = await LedgerInterchange.ImportAsync(restored, new StringReader(string.Join('\n', lines)));

        Assert.Equal(lines.Count, result.Appended);
        Assert.Equal(result.Chain, await LedgerIntegrity.DigestAsync(restored.Store));
        var stored = await restored.Store.ReadAllForwardsAsync(GlobalPosition.Start).ElementAtAsync(30);
        Assert.Equal((byte)' ', stored.Data.Span[0]);
    }

    [Fact]
    public async Task A_recorded_at_not_in_the_canonical_form_or_going_backwards_is_refused_naming_the_line()
    {
        var (original, _) = await RecordedBelgorodWithCorrectionAsync();
        var lines = Lines(await ExportAsync(original.Store)).ToList();
        var shortForm = lines.ToList();
        Edit(shortForm, 2, line => line["ledger"]!["recordedAt"] = ((string)line["ledger"]!["recordedAt"]!).Replace(".0000000Z", "Z",
            StringComparison.Ordinal));
        var backwards = lines.ToList();
        Edit(backwards, 50, line => line["ledger"]!["recordedAt"] = "2023-05-26T11:00:00.0000000Z");
        Rehash(backwards, from: 50);

        var (ledger, _) = await NewLedgerAsync(new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var notCanonical = await Assert.ThrowsAsync<InterchangeException>(() =>
            LedgerInterchange.ImportAsync(ledger, new StringReader(string.Join('\n', shortForm))));
        var goingBack = await Assert.ThrowsAsync<InterchangeException>(() =>
            LedgerInterchange.ImportAsync(ledger, new StringReader(string.Join('\n', backwards))));

        Assert.Equal((3, "ledger.recordedAt"), (notCanonical.Errors[0].Line, notCanonical.Errors[0].Field));
        Assert.Contains("seven fraction digits", notCanonical.Errors[0].Message, StringComparison.Ordinal);
        Assert.Equal((51, "ledger.recordedAt"), (goingBack.Errors[0].Line, goingBack.Errors[0].Field));
        Assert.Contains("is before the recordedAt of the line before it", goingBack.Errors[0].Message, StringComparison.Ordinal);
        Assert.Equal(0, ledger.EventCount);
    }

    internal static string[] Lines(string export) => export.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>Recomputes the chain from line <paramref name="from"/> on, as a forger with the format's description would.</summary>
    internal static void Rehash(List<string> lines, int from)
    {
        var previous = from == 0 ? new string('0', 64) : (string)Parse(lines[from - 1])["ledger"]!["hash"]!;
        for (var i = from; i < lines.Count; i++)
        {
            var line = Parse(lines[i]);
            var ledger = line["ledger"]!;
            var hash = EventHash.Compute((long)ledger["sequence"]!, (string)ledger["stream"]!, (long)ledger["version"]!,
                (string)ledger["type"]!, Guid.Parse((string)ledger["id"]!),
                DateTimeOffset.Parse((string)ledger["recordedAt"]!, System.Globalization.CultureInfo.InvariantCulture),
                Convert.FromBase64String((string)ledger["data"]!), Convert.FromBase64String((string?)ledger["metadata"] ?? string.Empty),
                EventHash.FromHex(previous));
            ledger["previous"] = previous;
            previous = EventHash.ToHex(hash);
            ledger["hash"] = previous;
            lines[i] = line.ToString(Formatting.None);
        }
    }

    // Dates stay strings, so that re-serialising a line changes nothing but the edit.
    private static JObject Parse(string line)
    {
        using var reader = new JsonTextReader(new StringReader(line)) { DateParseHandling = DateParseHandling.None };
        return JObject.Load(reader);
    }

    private static int Edit(List<string> lines, int index, Action<JObject> edit)
    {
        var line = Parse(lines[index]);
        edit(line);
        lines[index] = line.ToString(Formatting.None);
        return index;
    }

    private static int Remove(List<string> lines, int index)
    {
        lines.RemoveAt(index);
        return index;
    }

    private static int Swap(List<string> lines, int index)
    {
        (lines[index], lines[index + 1]) = (lines[index + 1], lines[index]);
        return index;
    }

    private static int Repeat(List<string> lines, int index)
    {
        lines.Insert(index + 1, lines[index]);
        return index + 1;
    }
}
