namespace ClaimsLedger.Ids;

/// <summary>Validation of the readable slugs used as ledger ids.</summary>
internal static class Slug
{
    /// <summary>Longest id accepted, in characters.</summary>
    public const int MaxLength = 128;

    /// <summary>Human description of the accepted form, used in error messages.</summary>
    public const string Rule =
        "ids are 1-128 characters of lowercase a-z, digits 0-9, '-', '_' and '.', starting and ending with a letter or digit";

    public static bool IsValid(string? value)
    {
        if (string.IsNullOrEmpty(value) || value.Length > MaxLength)
        {
            return false;
        }

        if (!IsAlphanumeric(value[0]) || !IsAlphanumeric(value[^1]))
        {
            return false;
        }

        foreach (var c in value)
        {
            if (!IsAlphanumeric(c) && c is not ('-' or '_' or '.'))
            {
                return false;
            }
        }

        return true;
    }

    public static string Validate(string? value, string kind)
    {
        if (value is null)
        {
            throw new InvalidIdException(kind, value, $"a {kind} id is required");
        }

        if (!IsValid(value))
        {
            throw new InvalidIdException(kind, value, $"'{value}' is not a valid {kind} id: {Rule}");
        }

        return value;
    }

    private static bool IsAlphanumeric(char c) => c is (>= 'a' and <= 'z') or (>= '0' and <= '9');
}
