using System.CommandLine;
using System.Diagnostics;
using ClaimsLedger.Integrity;
using ClaimsLedger.Interchange;
using ClaimsLedger.Serialization;
using Newtonsoft.Json.Linq;

namespace ClaimsLedger.Cli.Commands;

/// <summary>
/// <c>verify</c>, <c>digest</c>, <c>prove</c>, <c>prove-consistency</c> and <c>check-proof</c>: the hash chain, published
/// digests and Merkle proofs of docs/integrity.md. They read the store only, never fold the ledger, so they work on a
/// ledger whose events no longer decode.
/// </summary>
internal static class IntegrityCommands
{
    public static Command Verify(CliContext context)
    {
        var command = new Command("verify", "Walk the hash chain: OK with the head, or the first broken link (exit code 5)");
        var digest = DigestOption("--digest", "Also prove the ledger still extends this published digest");
        command.Options.Add(digest);
        command.SetAction((result, cancellationToken) => context.WithStoreAsync(result, async store =>
        {
            var clock = Stopwatch.StartNew();
            var report = await LedgerIntegrity.VerifyAsync(store, Parse(result.GetValue(digest)), cancellationToken);
            await context.Environment.Out.WriteLineAsync(report.ToString());
            await context.Environment.Error.WriteLineAsync(
                $"checked {report.Events} events in {clock.Elapsed.TotalSeconds:F2} s");
            return report.IsIntact ? ExitCodes.Ok : ExitCodes.Broken;
        }, cancellationToken));
        return command;
    }

    public static Command Digest(CliContext context)
    {
        var command = new Command("digest", "Print the ledger's digest (size, head hash, tree root, recordedAt) to publish");
        command.SetAction((result, cancellationToken) => context.WithStoreAsync(result, async store =>
        {
            await context.Environment.Out.WriteLineAsync((await LedgerIntegrity.DigestAsync(store, cancellationToken)).ToString());
            return ExitCodes.Ok;
        }, cancellationToken));
        return command;
    }

    public static Command Prove(CliContext context)
    {
        var command = new Command("prove", "Print a proof (JSON) that a statement is in the ledger of a published digest");
        var statement = new Argument<string>("statement") { Description = "The statement's id" };
        var digest = DigestOption("--digest", "The published digest to prove against (default: the ledger as it is now)");
        var output = new Option<string?>("--out") { Description = "Write the proof to this file instead of standard output" };
        command.Arguments.Add(statement);
        command.Options.Add(digest);
        command.Options.Add(output);
        command.SetAction((result, cancellationToken) => context.WithStoreAsync(result, async store =>
        {
            var id = new StatementId(result.GetValue(statement)!);
            var proof = await LedgerIntegrity.ProveStatementAsync(store, id, Parse(result.GetValue(digest)), cancellationToken);
            await WriteAsync(context, result.GetValue(output), proof.ToJson(), cancellationToken);
            await context.Environment.Error.WriteLineAsync(
                $"statement '{id}' is event {proof.Sequence} of {proof.TreeSize}; tree root {proof.Root}");
            return ExitCodes.Ok;
        }, cancellationToken));
        return command;
    }

    public static Command ProveConsistency(CliContext context)
    {
        var command = new Command("prove-consistency", "Print a proof (JSON) that the ledger of one digest extends an earlier one");
        var from = DigestOption("--from", "The earlier digest", required: true);
        var to = DigestOption("--to", "The later digest (default: the ledger as it is now)");
        command.Options.Add(from);
        command.Options.Add(to);
        command.SetAction((result, cancellationToken) => context.WithStoreAsync(result, async store =>
        {
            var newer = Parse(result.GetValue(to)) ?? await LedgerIntegrity.DigestAsync(store, cancellationToken);
            var proof = await LedgerIntegrity.ProveConsistencyAsync(store, Parse(result.GetValue(from))!, newer, cancellationToken);
            await context.Environment.Out.WriteLineAsync(proof.ToJson());
            return ExitCodes.Ok;
        }, cancellationToken));
        return command;
    }

    public static Command CheckProof(CliContext context)
    {
        var command = new Command("check-proof",
            "Check a saved proof against published digests alone, as its holder would (no ledger needed)");
        var file = new Argument<string>("file") { Description = "The proof, as written by prove or prove-consistency" };
        var digest = DigestOption("--digest", "For a statement proof: the digest it must lead to");
        var from = DigestOption("--from", "For a consistency proof: the earlier digest");
        var to = DigestOption("--to", "For a consistency proof: the later digest");
        command.Arguments.Add(file);
        command.Options.Add(digest);
        command.Options.Add(from);
        command.Options.Add(to);
        command.SetAction(async (result, cancellationToken) =>
        {
            var json = await File.ReadAllTextAsync(result.GetValue(file)!, cancellationToken);
            bool isConsistency;
            try
            {
                isConsistency = JObject.Parse(json).ContainsKey("oldSize");
            }
            catch (Newtonsoft.Json.JsonException e)
            {
                throw new LedgerFormatException(string.Empty, $"{result.GetValue(file)} is not a proof: {e.Message}", e);
            }

            return isConsistency
                ? await CheckConsistencyAsync(context, json, Parse(result.GetValue(from)), Parse(result.GetValue(to)))
                : await CheckInclusionAsync(context, json, Parse(result.GetValue(digest)));
        });
        return command;
    }

    private static async Task<int> CheckInclusionAsync(CliContext context, string json, LedgerDigest? digest)
    {
        var proof = InclusionProof.FromJson(json);
        if (digest is null)
        {
            throw new ArgumentException("a statement proof is checked against a published digest: give --digest");
        }

        if (!proof.Verify(digest))
        {
            await context.Environment.Out.WriteLineAsync(
                $"FAILED: the proof does not lead to digest {digest}: the event or its path was changed, or the digest is another");
            return ExitCodes.Broken;
        }

        var line = LedgerInterchange.ToLine(EventSerializer.Deserialize(proof.Type, Convert.FromBase64String(proof.Data)));
        await context.Environment.Out.WriteLineAsync(
            $"OK: event {proof.Sequence} of {proof.TreeSize}, recorded {EventHash.RecordedAtText(proof.RecordedAt)}, is in the " +
            $"ledger whose tree of {digest.Size} events has root {digest.Root}. It says: {line}");
        return ExitCodes.Ok;
    }

    private static async Task<int> CheckConsistencyAsync(CliContext context, string json, LedgerDigest? from, LedgerDigest? to)
    {
        var proof = ConsistencyProof.FromJson(json);
        if (from is null || to is null)
        {
            throw new ArgumentException("a consistency proof is checked against two published digests: give --from and --to");
        }

        var holds = proof.Verify(from, to);
        await context.Environment.Out.WriteLineAsync(holds
            ? $"OK: the ledger of {to} extends the ledger of {from}: its first {from.Size} events are unchanged"
            : $"FAILED: the proof does not show that {to} extends {from}");
        return holds ? ExitCodes.Ok : ExitCodes.Broken;
    }

    private static Option<string?> DigestOption(string name, string description, bool required = false) =>
        new(name) { Description = description + " (claims-ledger-digest/v1/...)", Required = required };

    private static LedgerDigest? Parse(string? digest) => digest is null ? null : LedgerDigest.Parse(digest);

    private static async Task WriteAsync(CliContext context, string? path, string text, CancellationToken cancellationToken)
    {
        if (path is null)
        {
            await context.Environment.Out.WriteLineAsync(text);
            return;
        }

        await OutputException.WritingAsync(path, async () =>
        {
            await File.WriteAllTextAsync(path, text + Environment.NewLine, cancellationToken);
            return true;
        });
        await context.Environment.Error.WriteLineAsync($"wrote the proof to {Path.GetFullPath(path)}");
    }
}
