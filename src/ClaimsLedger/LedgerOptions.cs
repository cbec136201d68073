using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging;

namespace ClaimsLedger;

/// <summary>Settings of a <see cref="Ledger"/>, with validated defaults.</summary>
public sealed record LedgerOptions
{
    /// <summary>
    /// The ledger clock, used to reject statements said after "now". Give the store the same clock: the store stamps
    /// recordedAt from its own. Default: <see cref="TimeProvider.System"/>.
    /// </summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;

    /// <summary>
    /// How many times a batch is re-validated and retried, after a short jittered wait, when another writer changed
    /// one of its streams first. Default 5; 0 fails on the first conflict.
    /// </summary>
    public int ConcurrencyRetries { get; init; } = 5;

    /// <summary>
    /// Where the ledger logs (category <c>ClaimsLedger.Ledger</c>): appends, rejections, retries, catch-ups and observer
    /// failures. Default null: no logging.
    /// </summary>
    public ILoggerFactory? LoggerFactory { get; init; }

    /// <summary>
    /// Creates the <c>ClaimsLedger</c> meter (see <see cref="Telemetry.LedgerTelemetry"/>); under dependency injection
    /// the container's. Default null: one meter shared by every ledger of the process.
    /// </summary>
    public IMeterFactory? MeterFactory { get; init; }

    /// <summary>Told about every batch the ledger appends; see <see cref="ILedgerObserver"/>. Default none.</summary>
    public IReadOnlyList<ILedgerObserver> Observers { get; init => field = value is null ? null! : [.. value]; } = [];

    /// <summary>
    /// When true, <see cref="Ledger.OpenAsync"/> returns at once and the ledger reads the store into its index in the
    /// background (<see cref="Ledger.Loaded"/>). Until the index is complete, <see cref="Ledger.GetClaimAsync"/> answers
    /// from the claim's own streams (read at the call, so never stale) and every other operation waits for the load.
    /// For large ledgers whose first question is about one claim. Default false: open reads the whole store first.
    /// </summary>
    public bool LoadInBackground { get; init; }

    /// <summary>
    /// Where the ledger loads its snapshot from on open and saves it to with <see cref="Ledger.SaveSnapshotAsync"/>:
    /// with a snapshot, opening a large ledger reads the snapshot and only the events recorded after it from the
    /// store. A snapshot that does not match the log is ignored (see <see cref="Ledger.Snapshot"/>). Default null: no
    /// snapshot, open reads the whole store.
    /// </summary>
    public Snapshots.ILedgerSnapshotStore? Snapshots { get; init; }

    /// <summary>
    /// How much of the snapshot the ledger checks against the log before using it. Default
    /// <see cref="Snapshots.SnapshotVerification.Events"/>: every event, so the snapshot cannot differ from the log.
    /// </summary>
    public Snapshots.SnapshotVerification SnapshotVerification { get; init; } = ClaimsLedger.Snapshots.SnapshotVerification.Events;

    /// <summary>Checks the values; called when a ledger opens.</summary>
    /// <exception cref="ArgumentException">A value is out of range.</exception>
    public void Validate()
    {
        if (Clock is null)
        {
            throw new ArgumentException("LedgerOptions.Clock is required", nameof(Clock));
        }

        if (Observers is null || Observers.Any(o => o is null))
        {
            throw new ArgumentException("LedgerOptions.Observers must not be or hold null", nameof(Observers));
        }

        if (!Enum.IsDefined(SnapshotVerification))
        {
            throw new ArgumentException($"LedgerOptions.SnapshotVerification {SnapshotVerification} is not a known value",
                nameof(SnapshotVerification));
        }

        if (ConcurrencyRetries is < 0 or > 100)
        {
            throw new ArgumentException(
                $"LedgerOptions.ConcurrencyRetries must be between 0 and 100, got {ConcurrencyRetries}",
                nameof(ConcurrencyRetries));
        }
    }
}
