using System.Globalization;
using ClaimsLedger.Benchmarks.Data;

namespace ClaimsLedger.Benchmarks.Commands;

/// <summary>The command line of <c>bench</c> and <c>growth</c>.</summary>
internal sealed record BenchOptions
{
    public SyntheticSpec Spec { get; init; } = SyntheticSpec.Default;

    /// <summary>Events per durable append (one RecordAsync, one Marten SaveChangesAsync).</summary>
    public int Batch { get; init; } = 10_000;

    /// <summary>Whole measurement sequences; the table shows medians (and the range when more than one).</summary>
    public int Runs { get; init; } = 1;

    /// <summary>Timed public one-claim queries per run; the in-memory evaluation gets ten times as many.</summary>
    public int Queries { get; init; } = 2_000;

    /// <summary>Timed Marten aggregations (and the same points on the ledger) per run.</summary>
    public int MartenQueries { get; init; } = 300;

    /// <summary>Timed whole boards per run, public and in-memory each.</summary>
    public int Boards { get; init; } = 11;

    public bool Quick { get; init; }

    public bool Postgres { get; init; } = true;

    public bool Marten { get; init; } = true;

    /// <summary>Whether a run also measures the Belgorod sample (growth leaves it out).</summary>
    public bool Belgorod { get; init; } = true;

    /// <summary>Whether a run also records every event in one batch (a reported row; growth leaves it out).</summary>
    public bool OneBatch { get; init; } = true;

    /// <summary>Ledger sizes for <c>growth</c>.</summary>
    public IReadOnlyList<int> Sizes { get; init; } = [1_000, 10_000, 100_000, 1_000_000];

    public static string Usage => """
        bench  [--statements N] [--claims N] [--actors N] [--sources N] [--seed N] [--batch N] [--runs N]
               [--queries N] [--marten-queries N] [--boards N] [--quick] [--no-postgres] [--no-marten]
        growth [--sizes 1000,10000,100000,1000000] [--batch N] [--runs N] [--queries N] [--boards N] [--quick]
        hash-chain [--statements N] [--batch N] [--runs N] [--quick]
        decode [--statements N] [--runs N] [--quick]
        micro  [--quick] [BenchmarkDotNet arguments, e.g. --filter *ClaimQuery*]
        rebuild-parts LEDGER.db [save-snapshot|snapshot]
        PostgreSQL and Marten figures need CLAIMS_PG_CONN (bash .ci/with-postgres.sh starts a server and sets it).
        """;

    /// <exception cref="ArgumentException">An unknown option or a bad number.</exception>
    public static BenchOptions Parse(IReadOnlyList<string> args)
    {
        var options = args.Contains("--quick") ? QuickDefaults : new BenchOptions();
        var spec = options.Spec;
        for (var i = 0; i < args.Count; i++)
        {
            switch (args[i])
            {
                case "--quick":
                    break;
                case "--no-postgres":
                    options = options with { Postgres = false, Marten = false };
                    break;
                case "--no-marten":
                    options = options with { Marten = false };
                    break;
                case "--statements":
                    spec = SyntheticSpec.ForSize(Number(args, ++i)) with { Seed = spec.Seed };
                    break;
                case "--claims":
                    spec = spec with { Claims = Number(args, ++i) };
                    break;
                case "--actors":
                    spec = spec with { Actors = Number(args, ++i) };
                    break;
                case "--sources":
                    spec = spec with { Sources = Number(args, ++i) };
                    break;
                case "--seed":
                    spec = spec with { Seed = Number(args, ++i) };
                    break;
                case "--batch":
                    options = options with { Batch = Number(args, ++i) };
                    break;
                case "--runs":
                    options = options with { Runs = Number(args, ++i) };
                    break;
                case "--queries":
                    options = options with { Queries = Number(args, ++i) };
                    break;
                case "--marten-queries":
                    options = options with { MartenQueries = Number(args, ++i) };
                    break;
                case "--boards":
                    options = options with { Boards = Number(args, ++i) };
                    break;
                case "--sizes":
                    options = options with { Sizes = [.. Text(args, ++i).Split(',').Select(Parse)] };
                    break;
                default:
                    throw new ArgumentException($"unknown option '{args[i]}'");
            }
        }

        // --statements N keeps the proportions (1,000,000: 10,000 claims, 2,000 actors, 500 sources).
        return options with { Spec = spec };
    }

    private static BenchOptions QuickDefaults => new()
    {
        Spec = SyntheticSpec.ForSize(20_000),
        Batch = 2_000,
        Queries = 300,
        MartenQueries = 40,
        Boards = 3,
        Quick = true,
        Sizes = [1_000, 10_000],
    };

    private static string Text(IReadOnlyList<string> args, int i) =>
        i < args.Count ? args[i] : throw new ArgumentException($"{args[i - 1]} needs a value");

    private static int Number(IReadOnlyList<string> args, int i) => Parse(Text(args, i));

    private static int Parse(string text) =>
        int.TryParse(text.Replace("_", string.Empty, StringComparison.Ordinal), NumberStyles.AllowThousands,
            CultureInfo.InvariantCulture, out var value) && value > 0
            ? value
            : throw new ArgumentException($"'{text}' is not a positive number");
}
