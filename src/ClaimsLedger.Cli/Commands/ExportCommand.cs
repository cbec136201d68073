using System.CommandLine;
using ClaimsLedger.Interchange;

namespace ClaimsLedger.Cli.Commands;

/// <summary><c>export</c>: the whole ledger, every event with its position and recordedAt, in the interchange format.</summary>
internal static class ExportCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command("export", "Write the whole ledger in the interchange format (restorable exactly with import)");
        var output = new Option<string?>("--out") { Description = "Write to this file instead of standard output" };
        command.Options.Add(output);
        command.SetAction((result, cancellationToken) => context.WithLedgerAsync(result, forWriting: false, async (_, store) =>
        {
            var path = result.GetValue(output);
            if (path is null)
            {
                await LedgerInterchange.ExportAsync(store, context.Environment.Out, cancellationToken: cancellationToken);
                return ExitCodes.Ok;
            }

            var count = await OutputException.WritingAsync(path, async () =>
            {
                await using var writer = new StreamWriter(path, append: false, new System.Text.UTF8Encoding(false));
                return await LedgerInterchange.ExportAsync(store, writer, cancellationToken: cancellationToken);
            });
            await context.Environment.Error.WriteLineAsync($"exported {count} events to {Path.GetFullPath(path)}");
            return ExitCodes.Ok;
        }, cancellationToken));
        return command;
    }
}
