using ClaimsLedger.Events;

namespace ClaimsLedger.Conformance;

/// <summary>
/// A small batch for integration tests, from the README's quick start (the Belgorod raid of May 2023): one claim,
/// two actors, one source and a denial. <see cref="Assertion"/> then makes the claim contested.
/// </summary>
public static class SampleEvents
{
    public const string Claim = "ukraine-behind-raid";

    /// <summary>When the statements were said; give the ledger a clock after this.</summary>
    public static DateTimeOffset After { get; } = new(2023, 6, 1, 0, 0, 0, TimeSpan.Zero);

    public static IReadOnlyList<LedgerEvent> Registrations { get; } =
    [
        new ClaimRegistered(Claim, "Ukraine directed the Belgorod raid"),
        new ActorRegistered("podolyak", "Mykhailo Podolyak", ActorKind.Person),
        new ActorRegistered("russian-mod", "Russian Defence Ministry", ActorKind.Government),
        new SourceRegistered("article", "Unnamed news outlet", "Managing tensions with friends"),
    ];

    public static StatementDenied Denial { get; } =
        new("podolyak-denies", Claim, "podolyak", SaidAt.Parse("2023-05-22"), "article")
        {
            Quote = "nothing to do with it",
        };

    public static StatementAsserted Assertion { get; } =
        new("mod-blames-kyiv", Claim, "russian-mod", SaidAt.Parse("2023-05-23"), "article");

    /// <summary>The registrations and the denial: a claim with one position, not contested yet.</summary>
    public static IReadOnlyList<LedgerEvent> Uncontested { get; } = [.. Registrations, Denial];
}
