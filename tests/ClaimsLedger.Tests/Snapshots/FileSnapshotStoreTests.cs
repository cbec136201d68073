using ClaimsLedger.Snapshots;

namespace ClaimsLedger.Tests.Snapshots;

/// <summary>FileSnapshotStore: a snapshot file is replaced whole or not at all.</summary>
public sealed class FileSnapshotStoreTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("claims-snapshot-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task A_missing_file_or_folder_reads_as_no_snapshot()
    {
        Assert.Null(await new FileSnapshotStore(Path.Combine(_folder, "none.snapshot")).OpenReadAsync(CancellationToken.None));
        Assert.Null(await new FileSnapshotStore(Path.Combine(_folder, "no", "such", "folder.snapshot"))
            .OpenReadAsync(CancellationToken.None));
    }

    [Fact]
    public async Task A_saved_snapshot_reads_back_and_the_next_save_replaces_it()
    {
        var store = FileSnapshotStore.Beside(Path.Combine(_folder, "ledger.db"));

        await store.SaveAsync((s, t) => s.WriteAsync("first"u8.ToArray(), t).AsTask(), CancellationToken.None);
        await store.SaveAsync((s, t) => s.WriteAsync("second"u8.ToArray(), t).AsTask(), CancellationToken.None);

        Assert.Equal(Path.Combine(_folder, "ledger.db.snapshot"), store.Path);
        Assert.Equal("second", await ReadAsync(store));
        Assert.Equal(["ledger.db.snapshot"], Directory.GetFiles(_folder).Select(Path.GetFileName));
    }

    [Fact]
    public async Task A_save_that_fails_midway_leaves_the_old_snapshot_and_no_temporary_file()
    {
        var store = new FileSnapshotStore(Path.Combine(_folder, "ledger.snapshot"));
        await store.SaveAsync((s, t) => s.WriteAsync("old"u8.ToArray(), t).AsTask(), CancellationToken.None);

        await Assert.ThrowsAsync<IOException>(() => store.SaveAsync(async (s, t) =>
        {
            await s.WriteAsync("half of the new one"u8.ToArray(), t);
            throw new IOException("disk full");
        }, CancellationToken.None));

        Assert.Equal("old", await ReadAsync(store));
        Assert.Equal(["ledger.snapshot"], Directory.GetFiles(_folder).Select(Path.GetFileName));
    }

    [Fact]
    public async Task A_temporary_file_left_by_a_crashed_save_is_removed_by_a_later_save_but_a_fresh_one_is_kept()
    {
        var store = new FileSnapshotStore(Path.Combine(_folder, "ledger.snapshot"));
        var crashed = Path.Combine(_folder, "ledger.snapshot.0123abcd.tmp");
        var running = Path.Combine(_folder, "ledger.snapshot.4567cdef.tmp");
        await File.WriteAllTextAsync(crashed, "crashed");
        File.SetLastWriteTimeUtc(crashed, DateTime.UtcNow.AddHours(-2));
        await File.WriteAllTextAsync(running, "another process is saving");

        await store.SaveAsync((s, t) => s.WriteAsync("new"u8.ToArray(), t).AsTask(), CancellationToken.None);

        Assert.Equal(["ledger.snapshot", "ledger.snapshot.4567cdef.tmp"],
            Directory.GetFiles(_folder).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    private static async Task<string> ReadAsync(FileSnapshotStore store)
    {
        await using var stream = await store.OpenReadAsync(CancellationToken.None);
        using var reader = new StreamReader(stream!);
        return await reader.ReadToEndAsync();
    }
}
