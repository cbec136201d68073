using System.CommandLine;
using ClaimsLedger.Cli.Commands;
using ClaimsLedger.Interchange;
using ClaimsLedger.Storage;

namespace ClaimsLedger.Cli;

/// <summary>The <c>claims</c> command line: builds the commands, runs one, and maps errors to exit codes.</summary>
internal static class ClaimsCli
{
    public static RootCommand Build(CliContext context)
    {
        var root = new RootCommand("Query and maintain a ClaimsLedger: who says what happened, as of any time.");
        root.Options.Add(context.Db);
        root.Options.Add(context.Schema);
        root.Options.Add(context.Snapshot);
        root.Subcommands.Add(ImportCommand.Create(context));
        root.Subcommands.Add(ExportCommand.Create(context));
        root.Subcommands.Add(ViewCommands.Board(context));
        root.Subcommands.Add(ViewCommands.Claim(context));
        root.Subcommands.Add(ViewCommands.Actor(context));
        root.Subcommands.Add(ViewCommands.Timeline(context));
        root.Subcommands.Add(DiffCommand.Create(context));
        root.Subcommands.Add(GenerateCommand.Create(context));
        root.Subcommands.Add(IntegrityCommands.Verify(context));
        root.Subcommands.Add(IntegrityCommands.Digest(context));
        root.Subcommands.Add(IntegrityCommands.Prove(context));
        root.Subcommands.Add(IntegrityCommands.ProveConsistency(context));
        root.Subcommands.Add(IntegrityCommands.CheckProof(context));
        root.Subcommands.Add(SnapshotCommand.Create(context));
        return root;
    }

    /// <summary>Runs the tool with <paramref name="args"/> and returns its exit code (see <see cref="ExitCodes"/>).</summary>
    public static async Task<int> RunAsync(string[] args, CliEnvironment environment, CancellationToken cancellationToken)
    {
        var context = new CliContext(environment);
        var parse = Build(context).Parse(args);
        var configuration = new InvocationConfiguration
        {
            Output = environment.Out,
            Error = environment.Error,
            EnableDefaultExceptionHandler = false,
        };
        if (parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors)
            {
                await environment.Error.WriteLineAsync($"claims: {error.Message}").ConfigureAwait(false);
            }

            await environment.Error.WriteLineAsync("Run 'claims --help' for usage.").ConfigureAwait(false);
            return ExitCodes.BadInput;
        }

        try
        {
            return await parse.InvokeAsync(configuration, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await environment.Error.WriteLineAsync("claims: cancelled").ConfigureAwait(false);
            return ExitCodes.Failure;
        }
        catch (StoreReadOnlyException) when (context.Target(parse) is { IsPostgreSql: false, IsEventStoreDb: false } file)
        {
            // The library's message names its option; a shell user needs the file's permissions instead.
            await environment.Error.WriteLineAsync(
                $"claims: the ledger file '{Path.GetFullPath(file.Db)}' is read-only, so nothing was written; commands that " +
                "only read it (views, export, verify) work, and to write it make the file writable (chmod u+w)").ConfigureAwait(false);
            return ExitCodes.StoreError;
        }
        catch (Exception e)
        {
            var code = Classify(e);
            await environment.Error.WriteLineAsync(code == ExitCodes.Failure ? $"claims: unexpected error: {e}" : $"claims: {e.Message}")
                .ConfigureAwait(false);
            return code;
        }
    }

    private static int Classify(Exception error) => error switch
    {
        InterchangeException or LedgerValidationException or LedgerFormatException or FormatException
            or ArgumentException or InvalidIdException => ExitCodes.BadInput,
        OutputException => ExitCodes.OutputError,
        LedgerStoreException => ExitCodes.StoreError,
        NotFoundException or Integrity.EventNotInLedgerException => ExitCodes.NotFound,
        Integrity.LedgerIntegrityException => ExitCodes.Broken,
        IOException or UnauthorizedAccessException => ExitCodes.BadInput,
        _ => ExitCodes.Failure,
    };
}
