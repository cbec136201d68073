namespace ClaimsLedger.DependencyInjection;

/// <summary>
/// The ledger's settings under dependency injection, bound from the configuration section given to
/// <c>AddClaimsLedger</c> (e.g. <c>"ClaimsLedger": { "ConcurrencyRetries": 5, "OpenOnStart": true }</c>) and checked
/// when the host starts.
/// </summary>
/// <remarks>The clock, loggers and meter come from the container; the store is chosen on
/// <see cref="ClaimsLedgerBuilder"/> and has its own section.</remarks>
public sealed class LedgerServiceOptions
{
    /// <summary>See <see cref="LedgerOptions.ConcurrencyRetries"/>. Default 5; 0 to 100.</summary>
    public int ConcurrencyRetries { get; set; } = 5;

    /// <summary>
    /// Open the store and the ledger while the host starts, so a bad file or an unreachable server stops the start
    /// with a clear error and the first request does not pay for the opening. Default true. Without a host (or with
    /// false) the ledger opens on the first <see cref="ILedgerProvider.GetLedgerAsync"/>.
    /// </summary>
    public bool OpenOnStart { get; set; } = true;

    /// <summary>
    /// The snapshot file (see <see cref="LedgerOptions.Snapshots"/> and <see cref="Snapshots.FileSnapshotStore"/>),
    /// e.g. <c>ledger.db.snapshot</c>; relative to the current directory. Default null: no snapshot.
    /// </summary>
    public string? SnapshotPath { get; set; }

    /// <summary>See <see cref="LedgerOptions.SnapshotVerification"/>. Default <c>Events</c>.</summary>
    public Snapshots.SnapshotVerification SnapshotVerification { get; set; } = Snapshots.SnapshotVerification.Events;

    /// <summary>See <see cref="LedgerOptions.LoadInBackground"/>. Default false.</summary>
    public bool LoadInBackground { get; set; }

    /// <summary>The immutable ledger options these settings stand for, with the container's services.</summary>
    internal LedgerOptions ToLedgerOptions(LedgerStoreContext context, IEnumerable<ILedgerObserver> observers) => new()
    {
        Clock = context.Clock,
        ConcurrencyRetries = ConcurrencyRetries,
        LoggerFactory = context.LoggerFactory,
        MeterFactory = context.MeterFactory,
        Observers = [.. observers],
        LoadInBackground = LoadInBackground,
        SnapshotVerification = SnapshotVerification,
        Snapshots = string.IsNullOrWhiteSpace(SnapshotPath) ? null : new Snapshots.FileSnapshotStore(SnapshotPath),
    };
}
