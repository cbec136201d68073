using System.Globalization;

namespace ClaimsLedger.Benchmarks.Data;

/// <summary>The shape of a synthetic ledger: the generator's counts and seed.</summary>
/// <remarks>
/// <see cref="ForSize"/> keeps the proportions (1,000,000 statements on 10,000 claims by 2,000 actors, 500
/// sources), so every claim holds about 100 statements whatever the size and only the number of claims grows.
/// </remarks>
internal sealed record SyntheticSpec(int Statements, int Claims, int Actors, int Sources, int Seed)
{
    public static SyntheticSpec Default { get; } = new(1_000_000, 10_000, 2_000, 500, 1);

    public static SyntheticSpec ForSize(int statements, int seed = 1) => new(statements,
        Math.Max(10, statements / 100), Math.Max(10, statements / 500), Math.Clamp(statements / 2_000, 5, 500), seed);

    /// <summary>A file-name-safe key for cached files.</summary>
    public string Key => string.Create(CultureInfo.InvariantCulture,
        $"s{Statements}-c{Claims}-a{Actors}-src{Sources}-seed{Seed}");

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Statements:N0} statements, {Claims:N0} claims, {Actors:N0} actors, {Sources:N0} sources, seed {Seed}");
}
