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

    public Option<string?> Snapshot { get; } = new("--snapshot")
    {
        Description = "The ledger's snapshot file (default: the SQLite file's path + .snapshot; none for a server). " +
                      "Views load it when it matches the ledger; `claims snapshot` writes it",
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
    /// <param name="savingSnapshot">The work saves the snapshot: a rejected old one needs no warning.</param>
    /// <param name="oneClaim">The work asks about one claim only: answer it from the claim's streams instead of waiting
    /// for the whole ledger to load (LedgerOptions.LoadInBackground; the process ends before the load does).</param>
    public async Task<int> WithLedgerAsync(ParseResult result, bool forWriting, Func<Ledger, IEventStore, Task<int>> work,
        CancellationToken cancellationToken, bool oneClaim = false, bool savingSnapshot = false)
    {
        var store = await Target(result).OpenAsync(environment.Clock, forWriting, cancellationToken).ConfigureAwait(false);
        await using var _ = store.ConfigureAwait(false);
        var options = new LedgerOptions
        {
            Clock = environment.Clock,
            LoadInBackground = oneClaim,
            Snapshots = SnapshotFile(result),
        };
        var ledger = await Ledger.OpenAsync(store, options, cancellationToken).ConfigureAwait(false);
        if (!oneClaim && !savingSnapshot)
        {
            await WarnIfSnapshotRejectedAsync(ledger).ConfigureAwait(false);
        }

        return await work(ledger, store).ConfigureAwait(false);
    }

    /// <summary>The snapshot named by <c>--snapshot</c>, else the one beside a SQLite file; null for a server without
    /// <c>--snapshot</c>.</summary>
    public Snapshots.FileSnapshotStore? SnapshotFile(ParseResult result) =>
        result.GetValue(Snapshot) is { Length: > 0 } path ? new Snapshots.FileSnapshotStore(path)
        : Target(result) is { IsEventStoreDb: false, IsPostgreSql: false } file ? Snapshots.FileSnapshotStore.Beside(file.Db)
        : null;

    // A rejected snapshot costs a full read; say so, since the user can fix it with `claims snapshot`.
    private async Task WarnIfSnapshotRejectedAsync(Ledger ledger)
    {
        if (ledger.Snapshot is { Outcome: Snapshots.SnapshotOutcome.Rejected, Reason: var reason })
        {
            await environment.Error.WriteLineAsync(
                $"warning: snapshot ignored ({reason}); run `claims snapshot` to write a new one").ConfigureAwait(false);
        }
    }

    /// <summary>Opens the store alone (no ledger fold: it may not even decode), runs <paramref name="work"/>, closes it.</summary>
    public async Task<int> WithStoreAsync(ParseResult result, Func<IEventStore, Task<int>> work, CancellationToken cancellationToken)
    {
        var store = await Target(result).OpenAsync(environment.Clock, forWriting: false, cancellationToken).ConfigureAwait(false);
        await using var _ = store.ConfigureAwait(false);
        return await work(store).ConfigureAwait(false);
    }

    /// <summary>The board's JSON, the same as <see cref="WriteViewAsync"/> writes, written claim by claim.</summary>
    public async Task WriteBoardJsonAsync(AsOf asOf, IAsyncEnumerable<Views.ClaimStatus> claims,
        CancellationToken cancellationToken)
    {
        await Views.ViewJson.WriteBoardAsync(environment.Out, asOf, claims, cancellationToken).ConfigureAwait(false);
        await environment.Out.WriteLineAsync().ConfigureAwait(false);
        await environment.Out.FlushAsync(cancellationToken).ConfigureAwait(false);
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
            render(environment.Consoles(environment.Out, environment.Interactive));
        }

        await environment.Out.FlushAsync().ConfigureAwait(false);
    }
}
