namespace ClaimsLedger;

/// <summary>The stable id of one statement by an actor about a claim: a readable slug such as <c>podolyak-denies-2023-05-22</c>.</summary>
/// <remarks>Ids are lowercase slugs (see <see cref="IsValid"/>); they never change once recorded.</remarks>
public readonly record struct StatementId : IComparable<StatementId>
{
    private readonly string? _value;

    /// <summary>Creates an id after checking that <paramref name="value"/> is a valid slug.</summary>
    /// <exception cref="InvalidIdException">The value is null, empty or not a slug.</exception>
    public StatementId(string value) => _value = Ids.Slug.Validate(value, "statement");

    private StatementId(string value, bool trusted) => _value = trusted ? value : Ids.Slug.Validate(value, "statement");

    /// <summary>The slug; empty for the default (unset) id.</summary>
    public string Value => _value ?? string.Empty;

    /// <summary>True for <c>default</c>, which is not a valid id and marks a missing value.</summary>
    public bool IsDefault => _value is null;

    /// <summary>True when <paramref name="value"/> is a valid slug for an id.</summary>
    public static bool IsValid(string? value) => Ids.Slug.IsValid(value);

    /// <summary>Converts a slug to an id.</summary>
    /// <exception cref="InvalidIdException">The value is not a valid slug.</exception>
    public static implicit operator StatementId(string value) => new(value);

    /// <summary>An id from text the ledger validated when it was recorded, without checking it again.</summary>
    internal static StatementId Trusted(string value) => new(value, trusted: true);

    /// <inheritdoc/>
    public int CompareTo(StatementId other) => string.CompareOrdinal(Value, other.Value);

    /// <inheritdoc/>
    public override string ToString() => Value;
}
