using System.CommandLine;
using System.Text;
using ClaimsLedger.Cli.Generation;

namespace ClaimsLedger.Cli.Commands;

/// <summary><c>generate</c>: a large synthetic ledger in the interchange format, for benchmarks.</summary>
internal static class GenerateCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command("generate", "Write a synthetic ledger (notes format) for benchmarks; deterministic per seed");
        var statements = Count("--statements", "Statements to generate (default 1000000)", 1_000_000);
        var claims = Count("--claims", "Claims (default 10000)", 10_000);
        var actors = Count("--actors", "Actors (default 2000)", 2_000);
        var sources = Count("--sources", "Sources (default 500)", 500);
        var seed = Count("--seed", "Random seed (default 1)", 1);
        var output = new Option<string?>("--out") { Description = "Write to this file instead of standard output" };
        foreach (var option in new Option[] { statements, claims, actors, sources, seed, output })
        {
            command.Options.Add(option);
        }

        command.SetAction(async (result, cancellationToken) =>
        {
            var options = new SyntheticLedgerOptions(result.GetValue(statements), result.GetValue(claims),
                result.GetValue(actors), result.GetValue(sources), result.GetValue(seed));
            var path = result.GetValue(output);
            if (path is null)
            {
                await SyntheticLedger.WriteAsync(context.Environment.Out, options, cancellationToken);
                return ExitCodes.Ok;
            }

            var lines = await OutputException.WritingAsync(path, async () =>
            {
                await using var writer = new StreamWriter(path, append: false, new UTF8Encoding(false), bufferSize: 1 << 16);
                return await SyntheticLedger.WriteAsync(writer, options, cancellationToken);
            });
            await context.Environment.Error.WriteLineAsync($"wrote {lines} lines to {Path.GetFullPath(path)}");
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Option<int> Count(string name, string description, int fallback) =>
        new(name) { Description = description, DefaultValueFactory = _ => fallback };
}
