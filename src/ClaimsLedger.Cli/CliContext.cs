using System.CommandLine;
using ClaimsLedger.Storage;

namespace ClaimsLedger.Cli;

/// <summary>What every command shares: the environment, the store options, and opening the ledger.</summary>
internal sealed class CliContext(CliEnvironment environment)
{
    public CliEnvironment Environment => environment;

    public Option<string> Db { get; } = new("--db")
    {
        Description = "The ledger: a SQLite file (default ledger.db), a PostgreSQL connection string (contains '='), " +
                      "or an EventStoreDB connection string (esdb://...)",
        DefaultValueFactory = _ => "ledger.db",
        Recursive = true,
    };

    public Option<string> Schema { get; } = new("--schema")
    {
        Description = "PostgreSQL schema holding the ledger (default claims_ledger)",
        DefaultValueFactory = _ => "claims_ledger",
        Recursive = true,
    };

    public StoreTarget Target(ParseResult result) => new(result.GetValue(Db)!, result.GetValue(Schema)!);

    /// <summary>Opens the store and the ledger, runs <paramref name="work"/>, and closes the store.</summary>
    /// <param name="result">The parsed command line.</param>
    /// <param name="forWriting">Open the store for writing.</param>
    /// <param name="work">The command's work.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <param name="oneClaim">The work asks about one claim only: answer it from the claim's streams instead of waiting
    /// for the whole ledger to load (LedgerOptions.LoadInBackground; the process ends before the load does).</param>
    public async Task<int> WithLedgerAsync(ParseResult result, bool forWriting, Func<Ledger, IEventStore, Task<int>> work,
        CancellationToken cancellationToken, bool oneClaim = false)
    {
        var store = await Target(result).OpenAsync(environment.Clock, forWriting, cancellationToken).ConfigureAwait(false);
        await using var _ = store.ConfigureAwait(false);
        var options = new LedgerOptions { Clock = environment.Clock, LoadInBackground = oneClaim };
        var ledger = await Ledger.OpenAsync(store, options, cancellationToken).ConfigureAwait(false);
        return await work(ledger, store).ConfigureAwait(false);
    }

    /// <summary>Opens the store alone (no ledger fold: it may not even decode), runs <paramref name="work"/>, closes it.</summary>
    public async Task<int> WithStoreAsync(ParseResult result, Func<IEventStore, Task<int>> work, CancellationToken cancellationToken)
    {
        var store = await Target(result).OpenAsync(environment.Clock, forWriting: false, cancellationToken).ConfigureAwait(false);
        await using var _ = store.ConfigureAwait(false);
        return await work(store).ConfigureAwait(false);
    }

    /// <summary>Writes a view as indented JSON, or as the human rendering.</summary>
    public async Task WriteViewAsync(bool json, object view, Action<Spectre.Console.IAnsiConsole> render)
    {
        if (json)
        {
            await environment.Out.WriteLineAsync(Views.ViewJson.Serialize(view)).ConfigureAwait(false);
        }
        else
        {
            render(Rendering.Consoles.For(environment.Out, environment.Interactive));
        }

        await environment.Out.FlushAsync().ConfigureAwait(false);
    }
}
