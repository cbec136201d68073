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
            var writer = path is null ? context.Environment.Out : new StreamWriter(path, append: false, new System.Text.UTF8Encoding(false));
            try
            {
                var count = await LedgerInterchange.ExportAsync(store, writer, cancellationToken: cancellationToken);
                if (path is not null)
                {
                    await context.Environment.Error.WriteLineAsync($"exported {count} events to {Path.GetFullPath(path)}");
                }
            }
            finally
            {
                if (path is not null)
                {
                    await writer.DisposeAsync();
                }
            }

            return ExitCodes.Ok;
        }, cancellationToken));
        return command;
    }
}
