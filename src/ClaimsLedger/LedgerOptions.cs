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

    /// <summary>Checks the values; called when a ledger opens.</summary>
    /// <exception cref="ArgumentException">A value is out of range.</exception>
    public void Validate()
    {
        if (Clock is null)
        {
            throw new ArgumentException("LedgerOptions.Clock is required", nameof(Clock));
        }

        if (ConcurrencyRetries is < 0 or > 100)
        {
            throw new ArgumentException(
                $"LedgerOptions.ConcurrencyRetries must be between 0 and 100, got {ConcurrencyRetries}",
                nameof(ConcurrencyRetries));
        }
    }
}
