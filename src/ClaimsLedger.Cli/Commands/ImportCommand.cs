using System.CommandLine;
using System.Diagnostics;
using System.Text;
using ClaimsLedger.Cli.Rendering;
using ClaimsLedger.Interchange;
using ClaimsLedger.Storage;

namespace ClaimsLedger.Cli.Commands;

/// <summary><c>import FILE</c>: all of a file or nothing, with progress on a terminal and plain lines otherwise.</summary>
internal static class ImportCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command("import", "Import an interchange file (notes, or an export) into the ledger: all of it or nothing");
        var file = new Argument<string>("file") { Description = "The file to import ('-' for standard input)" };
        var maxErrors = new Option<int>("--max-errors")
        {
            Description = "Stop after reporting this many bad lines (default 100)",
            DefaultValueFactory = _ => 100,
        };
        var allowUnchained = new Option<bool>("--allow-unchained")
        {
            Description = "Accept an export without hashes (it cannot be verified; only for a file you trust)",
        };
        command.Arguments.Add(file);
        command.Options.Add(maxErrors);
        command.Options.Add(allowUnchained);
        command.SetAction(async (result, cancellationToken) =>
        {
            var path = result.GetValue(file)!;
            var environment = context.Environment;
            var options = new ImportOptions
            {
                MaxErrors = result.GetValue(maxErrors),
                AllowUnchained = result.GetValue(allowUnchained),
            };
            if (options.MaxErrors < 1)
            {
                await environment.Error.WriteLineAsync($"claims: --max-errors must be at least 1, got {options.MaxErrors}");
                return ExitCodes.BadInput;
            }

            // The input is read and parsed before the store is opened for writing, and a ledger file this import
            // creates is removed again if the import fails: a missing or rejected file never leaves a ledger file.
            long? total = path == "-" ? null : await CountLinesAsync(path, cancellationToken);
            using var reader = path == "-" ? new StreamReader(Console.OpenStandardInput(), Encoding.UTF8) : new StreamReader(path, Encoding.UTF8);
            try
            {
                var imported = await ImportProgressDisplay.RunAsync(environment, total, async progress =>
                {
                    var clock = Stopwatch.StartNew();
                    var parsed = await LedgerInterchange.ReadFileAsync(reader, options, progress, cancellationToken);
                    var newFile = context.Target(result) is { IsEventStoreDb: false, IsPostgreSql: false } target
                                  && !File.Exists(target.Db)
                        ? target.Db
                        : null;
                    ImportResult? done = null;
                    try
                    {
                        await context.WithLedgerAsync(result, forWriting: true, async (ledger, _) =>
                        {
                            done = await LedgerInterchange.ImportAsync(ledger, parsed, options, progress, clock, cancellationToken);
                            return ExitCodes.Ok;
                        }, cancellationToken);
                    }
                    catch when (newFile is not null)
                    {
                        // The store is closed by now (WithLedgerAsync disposes it). Removed only while it holds no
                        // event: another process may have created the same file and written to it meanwhile.
                        if (await IsEmptyLedgerAsync(context, result))
                        {
                            RemoveLedgerFile(newFile);
                        }

                        throw;
                    }

                    return done!;
                });
                await environment.Out.WriteLineAsync(
                    $"imported {imported.Events} events ({imported.Appended} appended, {imported.Unchanged} already held; " +
                    $"{(imported.Mode == ImportMode.Export ? "an export, restored with its recordedAt" : "notes, recorded now")}) " +
                    $"in {imported.Elapsed.TotalSeconds:0.00} s: {imported.EventsPerSecond:0} events/s");
                if (imported.Chain is { } chain)
                {
                    await environment.Out.WriteLineAsync($"the export's hash chain holds; its digest: {chain}");
                }
                else if (imported.Mode == ImportMode.Export)
                {
                    await environment.Error.WriteLineAsync(
                        "claims: warning: the export carried no hashes, so nothing in it was verified (--allow-unchained)");
                }

                return ExitCodes.Ok;
            }
            catch (InterchangeException e)
            {
                await environment.Error.WriteLineAsync($"claims: {Path.GetFileName(path)} was rejected; nothing was imported:");
                foreach (var error in e.Errors)
                {
                    await environment.Error.WriteLineAsync($"  {error}");
                }

                if (e.Truncated)
                {
                    await environment.Error.WriteLineAsync($"  (stopped after {e.Errors.Count} errors; --max-errors raises the limit)");
                }

                return ExitCodes.BadInput;
            }
        });
        return command;
    }

    private static async Task<bool> IsEmptyLedgerAsync(CliContext context, ParseResult result)
    {
        try
        {
            return await context.WithStoreAsync(result, async store =>
                await store.ReadLastAsync(CancellationToken.None) is null ? 1 : 0, CancellationToken.None) == 1;
        }
        catch (Exception e) when (e is LedgerStoreException or IOException or InvalidOperationException)
        {
            // Not even readable as a ledger: not this import's empty file to remove.
            return false;
        }
    }

    private static void RemoveLedgerFile(string db)
    {
        foreach (var file in new[] { db, db + "-wal", db + "-shm", db + "-journal" })
        {
            File.Delete(file);
        }
    }

    private static async Task<long> CountLinesAsync(string path, CancellationToken cancellationToken)
    {
        long lines = 0;
        using var reader = new StreamReader(path, Encoding.UTF8);
        while (await reader.ReadLineAsync(cancellationToken) is not null)
        {
            lines++;
        }

        return lines;
    }
}
