using System.Net.Sockets;
using ClaimsLedger.Storage;
using Npgsql;

namespace ClaimsLedger.PostgreSql;

/// <summary>Turns Npgsql and server errors into ledger errors that say where and what (never the password).</summary>
internal static class PostgreSqlErrors
{
    public static LedgerStoreException? Translate(Exception error, string operation, string where) => error switch
    {
        PostgresException { SqlState: "28P01" or "28000" } e =>
            new StoreUnavailableException($"PostgreSQL at {where} refused the credentials: {e.MessageText}", error),
        PostgresException { SqlState: "3D000" } e =>
            new StoreUnavailableException($"PostgreSQL at {where}: {e.MessageText}", error),
        PostgresException { SqlState: "57P01" or "57P02" or "57P03" or "53300" } e =>
            new StoreUnavailableException($"PostgreSQL at {where} is not accepting work: {e.MessageText}", error),
        PostgresException { SqlState: "42501" } e =>
            new LedgerStoreException($"PostgreSQL at {where} denied the {operation}: {e.MessageText}", error),
        PostgresException e =>
            new LedgerStoreException($"PostgreSQL {operation} failed at {where}: {e.SqlState} {e.MessageText}", error),
        NpgsqlException { InnerException: SocketException socket } =>
            new StoreUnavailableException($"cannot reach PostgreSQL at {where}: {socket.Message}", error),
        NpgsqlException { InnerException: TimeoutException } =>
            new StoreUnavailableException($"timed out reaching PostgreSQL at {where}", error),
        NpgsqlException e =>
            new StoreUnavailableException($"PostgreSQL at {where} failed during {operation}: {e.Message}", error),
        SocketException e =>
            new StoreUnavailableException($"cannot reach PostgreSQL at {where}: {e.Message}", error),
        TimeoutException =>
            new StoreUnavailableException($"timed out reaching PostgreSQL at {where}", error),
        _ => null,
    };
}
