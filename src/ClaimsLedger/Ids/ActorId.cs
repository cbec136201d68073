namespace ClaimsLedger;

/// <summary>The stable id of an actor (a person, organisation, group or anonymous collective): a readable slug such as <c>us-officials</c>.</summary>
/// <remarks>Ids are lowercase slugs (see <see cref="IsValid"/>); they never change once recorded.</remarks>
public readonly record struct ActorId : IComparable<ActorId>
{
    private readonly string? _value;

    /// <summary>Creates an id after checking that <paramref name="value"/> is a valid slug.</summary>
    /// <exception cref="InvalidIdException">The value is null, empty or not a slug.</exception>
    public ActorId(string value) => _value = Ids.Slug.Validate(value, "actor");

    /// <summary>The slug; empty for the default (unset) id.</summary>
    public string Value => _value ?? string.Empty;

    /// <summary>True for <c>default</c>, which is not a valid id and marks a missing value.</summary>
    public bool IsDefault => _value is null;

    /// <summary>True when <paramref name="value"/> is a valid slug for an id.</summary>
    public static bool IsValid(string? value) => Ids.Slug.IsValid(value);

    /// <summary>Converts a slug to an id.</summary>
    /// <exception cref="InvalidIdException">The value is not a valid slug.</exception>
    public static implicit operator ActorId(string value) => new(value);

    /// <inheritdoc/>
    public int CompareTo(ActorId other) => string.CompareOrdinal(Value, other.Value);

    /// <inheritdoc/>
    public override string ToString() => Value;
}
