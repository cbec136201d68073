using System.Collections.Frozen;
using System.Text;

namespace ClaimsLedger.Interchange;

/// <summary>The kebab-case names enums take in JSON (<c>PartOf</c> → <c>part-of</c>), both ways.</summary>
internal static class Kebab
{
    public static string Name<T>(T value)
        where T : struct, Enum => Names<T>.ByValue.TryGetValue(value, out var name) ? name : value.ToString();

    public static bool TryParse<T>(string text, out T value)
        where T : struct, Enum => Names<T>.ByName.TryGetValue(text, out value);

    public static string Choices<T>()
        where T : struct, Enum => string.Join(", ", Names<T>.ByValue.Values);

    public static string Of(string pascal)
    {
        var builder = new StringBuilder(pascal.Length + 4);
        foreach (var c in pascal)
        {
            if (char.IsUpper(c) && builder.Length > 0)
            {
                builder.Append('-');
            }

            builder.Append(char.ToLowerInvariant(c));
        }

        return builder.ToString();
    }

    private static class Names<T>
        where T : struct, Enum
    {
        public static readonly FrozenDictionary<T, string> ByValue =
            Enum.GetValues<T>().ToFrozenDictionary(v => v, v => Of(v.ToString()));

        public static readonly FrozenDictionary<string, T> ByName =
            ByValue.ToFrozenDictionary(p => p.Value, p => p.Key, StringComparer.Ordinal);
    }
}
