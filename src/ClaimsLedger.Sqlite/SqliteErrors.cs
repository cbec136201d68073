using ClaimsLedger.Storage;
using Microsoft.Data.Sqlite;

namespace ClaimsLedger.Sqlite;

/// <summary>Turns SQLite's result codes into ledger errors that say what happened to which file.</summary>
internal static class SqliteErrors
{
    private const int Busy = 5;
    private const int Locked = 6;
    private const int ReadOnly = 8;
    private const int IoError = 10;
    private const int Corrupt = 11;
    private const int Full = 13;
    private const int CantOpen = 14;
    private const int NotADatabase = 26;

    public static LedgerStoreException? Translate(Exception error, string operation, string path)
    {
        if (error is not SqliteException sqlite)
        {
            return error is IOException or UnauthorizedAccessException
                ? new StoreUnavailableException($"cannot {operation} the ledger file '{path}': {error.Message}", error)
                : null;
        }

        return sqlite.SqliteErrorCode switch
        {
            NotADatabase => new StoreSchemaException($"'{path}' is not a ClaimsLedger ledger: it is not a SQLite database", error),
            ReadOnly => new StoreReadOnlyException($"the ledger file '{path}' cannot be written; nothing was written", error),
            CantOpen => new StoreUnavailableException($"cannot open the ledger file '{path}': {sqlite.Message}", error),
            Busy or Locked => new LedgerStoreException(
                $"the ledger file '{path}' stayed locked by another connection past the busy timeout during {operation}" +
                (operation == "read" ? "" : "; nothing was written"), error),
            Full => new LedgerStoreException($"the disk holding '{path}' is full; nothing was written", error),
            Corrupt => new StoreSchemaException($"the ledger file '{path}' is corrupt: {sqlite.Message}", error),
            IoError => new StoreUnavailableException($"I/O error on the ledger file '{path}' during {operation}: {sqlite.Message}", error),
            _ => new LedgerStoreException($"SQLite {operation} failed on '{path}': {sqlite.Message}", error),
        };
    }
}
