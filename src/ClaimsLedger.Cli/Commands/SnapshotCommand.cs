using System.CommandLine;
using System.Diagnostics;

namespace ClaimsLedger.Cli.Commands;

/// <summary>
/// <c>snapshot</c>: saves the ledger's snapshot (docs/snapshots.md), so that the next command opens the ledger from it
/// and reads only what was recorded after it.
/// </summary>
internal static class SnapshotCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command("snapshot",
            "Save a snapshot of the ledger (beside a SQLite file, or to --snapshot FILE) so that later commands open it fast");
        command.SetAction((result, cancellationToken) =>
        {
            if (context.SnapshotFile(result) is null)
            {
                throw new ArgumentException("a ledger on a server needs --snapshot FILE to say where its snapshot goes");
            }

            return context.WithLedgerAsync(result, forWriting: false, async (ledger, _) =>
            {
                var clock = Stopwatch.StartNew();
                var saved = await ledger.SaveSnapshotAsync(cancellationToken);
                var file = context.SnapshotFile(result)!.Path;
                await context.Environment.Out.WriteLineAsync(saved is null
                    ? "the ledger is empty: no snapshot written"
                    : $"snapshot of {saved.Events:N0} events up to position {saved.Position} written to {file} " +
                      $"({saved.Bytes:N0} bytes, {clock.Elapsed.TotalSeconds:F1} s)");
                return ExitCodes.Ok;
            }, cancellationToken, savingSnapshot: true);
        });
        return command;
    }
}
