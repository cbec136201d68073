namespace ClaimsLedger.Benchmarks.Data;

/// <summary>Where generated files go (never the repository) and where the repository's sample data is.</summary>
internal static class BenchPaths
{
    /// <summary>The work folder: CLAIMS_BENCH_DIR, else /tmp/claims-bench.</summary>
    public static string WorkDirectory
    {
        get
        {
            var folder = Environment.GetEnvironmentVariable("CLAIMS_BENCH_DIR") is { Length: > 0 } configured
                ? configured
                : Path.Combine(Path.GetTempPath(), "claims-bench");
            Directory.CreateDirectory(folder);
            return folder;
        }
    }

    public static string File(string name) => Path.Combine(WorkDirectory, name);

    /// <summary>samples/data/belgorod.ndjson, found by walking up from the working folder or the binaries.</summary>
    public static string Belgorod => FindInRepository(Path.Combine("samples", "data", "belgorod.ndjson"));

    private static string FindInRepository(string relative)
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var folder = new DirectoryInfo(start); folder is not null; folder = folder.Parent)
            {
                var candidate = Path.Combine(folder.FullName, relative);
                if (System.IO.File.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        throw new FileNotFoundException($"{relative} not found above {Directory.GetCurrentDirectory()}");
    }

    /// <summary>Deletes a SQLite file with its WAL and shared-memory files.</summary>
    public static void DeleteDatabase(string path)
    {
        foreach (var suffix in new[] { string.Empty, "-wal", "-shm" })
        {
            System.IO.File.Delete(path + suffix);
        }
    }
}
