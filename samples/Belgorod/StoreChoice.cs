using ClaimsLedger.EventStoreDb;
using ClaimsLedger.PostgreSql;
using ClaimsLedger.Sqlite;
using ClaimsLedger.Storage;
using ClaimsLedger.Storage.InMemory;
using Npgsql;

namespace Belgorod;

/// <summary>
/// Which store the sample uses: <c>--store sqlite:FILE</c> (the default, <c>belgorod.db</c>), <c>--store memory</c>,
/// <c>--store postgres[:CONNECTION STRING]</c> (without one, the CLAIMS_PG_CONN environment variable; the schema is
/// the first one of the connection string's <c>Search Path</c>, else <c>belgorod_sample</c>), or
/// <c>--store esdb://HOST:PORT?...</c> (any EventStoreDB connection string; <c>--store esdb</c> alone uses
/// CLAIMS_ESDB_CONN).
/// </summary>
public sealed record StoreChoice(string Kind, string Target)
{
    public const string Usage =
        "usage: Belgorod [--store sqlite:FILE | memory | postgres[:CONNECTION STRING] | esdb://HOST:PORT[?tls=false...]]";

    private static readonly string[] EventStoreSchemes = ["esdb", "esdb+discover", "kurrentdb", "kurrentdb+discover",
        "kurrent", "kurrent+discover", "kdb", "kdb+discover"];

    public static StoreChoice Default { get; } = new("sqlite", "belgorod.db");

    public string Description => Kind switch
    {
        "sqlite" => $"the SQLite file {Path.GetFullPath(Target)}",
        "postgres" => $"PostgreSQL (schema {PostgresSchema})",
        "esdb" => "EventStoreDB (streams under belgorod-sample/)",
        _ => "memory",
    };

    /// <summary>The PostgreSQL schema: the first of the connection string's Search Path, else belgorod_sample.</summary>
    public string PostgresSchema =>
        new NpgsqlConnectionStringBuilder(Target).SearchPath?.Split(',')[0].Trim() is { Length: > 0 } first
            ? first
            : "belgorod_sample";

    /// <exception cref="ArgumentException">The arguments do not name a store; the message says how to.</exception>
    public static StoreChoice Parse(IReadOnlyList<string> args)
    {
        if (args.Count == 0)
        {
            return Default;
        }

        if (args.Count != 2 || args[0] != "--store")
        {
            throw new ArgumentException(Usage);
        }

        if (EventStoreSchemes.Any(scheme => args[1].StartsWith(scheme + "://", StringComparison.OrdinalIgnoreCase)))
        {
            return new StoreChoice("esdb", args[1]);
        }

        var (kind, target) = args[1].IndexOf(':', StringComparison.Ordinal) is var colon and > 0
            ? (args[1][..colon], args[1][(colon + 1)..])
            : (args[1], string.Empty);
        return kind switch
        {
            "memory" => new StoreChoice("memory", string.Empty),
            "sqlite" => new StoreChoice("sqlite", target.Length > 0 ? target : Default.Target),
            "postgres" => new StoreChoice("postgres", target.Length > 0
                ? target
                : Environment.GetEnvironmentVariable("CLAIMS_PG_CONN")
                  ?? throw new ArgumentException("--store postgres needs a connection string or CLAIMS_PG_CONN")),
            "esdb" => new StoreChoice("esdb", Environment.GetEnvironmentVariable("CLAIMS_ESDB_CONN")
                ?? throw new ArgumentException("--store esdb needs a connection string (esdb://...) or CLAIMS_ESDB_CONN")),
            _ => throw new ArgumentException($"unknown store '{kind}'. {Usage}"),
        };
    }

    public async Task<IEventStore> OpenAsync(TimeProvider clock) => Kind switch
    {
        "sqlite" => await SqliteEventStore.OpenAsync(new SqliteStoreOptions { Path = Target, Clock = clock }),
        "postgres" => await PostgreSqlEventStore.OpenAsync(new PostgreSqlStoreOptions
        {
            ConnectionString = Target,
            Schema = PostgresSchema,
            Clock = clock,
        }),
        "esdb" => await EventStoreDbEventStore.OpenAsync(new EventStoreDbStoreOptions
        {
            ConnectionString = Target,
            StreamPrefix = "belgorod-sample/",
            Clock = clock,
        }),
        _ => new InMemoryEventStore(clock),
    };
}
