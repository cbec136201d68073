namespace ClaimsLedger.Snapshots;

/// <summary>Keeps a ledger's snapshot in one file, e.g. <c>ledger.db.snapshot</c> beside a SQLite ledger.</summary>
/// <remarks>
/// Saving writes a temporary file in the same folder, flushes it to disk and renames it over the old snapshot, so a
/// crash mid-save leaves the old snapshot (and at worst a stray <c>*.tmp</c> file, removed by a save an hour later).
/// Saves from several processes at once each write their own temporary file; the last rename wins, and every
/// snapshot it can leave is whole.
/// </remarks>
public sealed class FileSnapshotStore : ILedgerSnapshotStore
{
    private const int BufferSize = 1 << 20;

    // A temporary file not written to for this long belongs to a save that died.
    private static readonly TimeSpan StaleAfter = TimeSpan.FromHours(1);

    /// <summary>Keeps the snapshot at <paramref name="path"/>; the file need not exist yet.</summary>
    /// <exception cref="ArgumentException"><paramref name="path"/> is empty.</exception>
    public FileSnapshotStore(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        Path = System.IO.Path.GetFullPath(path);
    }

    /// <summary>The snapshot file's full path.</summary>
    public string Path { get; }

    /// <summary>The snapshot path conventionally used for a ledger file: the file's path with <c>.snapshot</c> added.</summary>
    public static FileSnapshotStore Beside(string ledgerFile) => new(ledgerFile + ".snapshot");

    /// <inheritdoc/>
    public Task<Stream?> OpenReadAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        try
        {
            // Delete shared: a save may rename a new snapshot over this one while it is being read.
            return Task.FromResult<Stream?>(new FileStream(Path, FileMode.Open, FileAccess.Read,
                FileShare.Read | FileShare.Delete, BufferSize, FileOptions.SequentialScan | FileOptions.Asynchronous));
        }
        catch (FileNotFoundException)
        {
            return Task.FromResult<Stream?>(null);
        }
        catch (DirectoryNotFoundException)
        {
            return Task.FromResult<Stream?>(null);
        }
    }

    /// <inheritdoc/>
    public async Task SaveAsync(Func<Stream, CancellationToken, Task> write, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(write);
        var folder = System.IO.Path.GetDirectoryName(Path)!;
        var name = System.IO.Path.GetFileName(Path);
        // Left by a save that crashed; not by one still running (another process may be saving the same snapshot).
        foreach (var stray in Directory.EnumerateFiles(folder, name + ".*.tmp"))
        {
            if (File.GetLastWriteTimeUtc(stray) < DateTime.UtcNow - StaleAfter)
            {
                TryDelete(stray);
            }
        }

        var temporary = System.IO.Path.Combine(folder, $"{name}.{Guid.NewGuid():N}.tmp");
        try
        {
            var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, BufferSize,
                FileOptions.Asynchronous);
            await using (file.ConfigureAwait(false))
            {
                await write(file, cancellationToken).ConfigureAwait(false);
                await file.FlushAsync(cancellationToken).ConfigureAwait(false);
                file.Flush(flushToDisk: true);
            }

            File.Move(temporary, Path, overwrite: true);
        }
        catch
        {
            TryDelete(temporary);
            throw;
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // Another save may be using it; the next save removes it.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
