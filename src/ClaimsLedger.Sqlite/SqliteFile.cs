using ClaimsLedger.Storage;

namespace ClaimsLedger.Sqlite;

/// <summary>Checks on the ledger file made before SQLite touches it, so a wrong file is never modified.</summary>
internal static class SqliteFile
{
    private static readonly byte[] Header = "SQLite format 3\0"u8.ToArray();

    public static void CheckBeforeOpening(SqliteStoreOptions options)
    {
        var path = options.Path;
        if (!File.Exists(path))
        {
            if (options.ReadOnly)
            {
                throw new StoreUnavailableException($"there is no ledger file at '{path}'");
            }

            var directory = System.IO.Path.GetDirectoryName(path);
            if (directory is not null && !Directory.Exists(directory))
            {
                throw new StoreUnavailableException($"cannot create the ledger file '{path}': the folder does not exist");
            }

            return;
        }

        if (!options.ReadOnly && IsReadOnly(path))
        {
            throw new StoreReadOnlyException(
                $"the ledger file '{path}' is read-only; open it with SqliteStoreOptions.ReadOnly = true to read it");
        }

        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        if (file.Length == 0)
        {
            return;
        }

        Span<byte> header = stackalloc byte[16];
        if (file.ReadAtLeast(header, header.Length, throwOnEndOfStream: false) < header.Length
            || !header.SequenceEqual(Header))
        {
            throw new StoreSchemaException($"'{path}' is not a ClaimsLedger ledger: it is not a SQLite database");
        }
    }

    // Judged by the permission bits, not by trying: a process running as root could write anyway, and a ledger
    // marked read-only must stay untouched whoever opens it.
    private static bool IsReadOnly(string path)
    {
        if ((File.GetAttributes(path) & FileAttributes.ReadOnly) != 0)
        {
            return true;
        }

        return !OperatingSystem.IsWindows()
               && (File.GetUnixFileMode(path) & (UnixFileMode.UserWrite | UnixFileMode.GroupWrite | UnixFileMode.OtherWrite)) == 0;
    }
}
