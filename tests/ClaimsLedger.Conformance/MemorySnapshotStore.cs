using ClaimsLedger.Snapshots;

namespace ClaimsLedger.Conformance;

/// <summary>A snapshot kept in memory, whose bytes a test can read and damage; counts what was saved and opened.</summary>
public sealed class MemorySnapshotStore : ILedgerSnapshotStore
{
    /// <summary>The saved snapshot; null before the first save.</summary>
    public byte[]? Bytes { get; set; }

    /// <summary>How many times a ledger opened the snapshot.</summary>
    public int Opened { get; private set; }

    /// <inheritdoc/>
    public Task<Stream?> OpenReadAsync(CancellationToken cancellationToken)
    {
        Opened++;
        return Task.FromResult<Stream?>(Bytes is null ? null : new MemoryStream(Bytes, writable: false));
    }

    /// <inheritdoc/>
    public async Task SaveAsync(Func<Stream, CancellationToken, Task> write, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        await write(buffer, cancellationToken);
        Bytes = buffer.ToArray();
    }
}
