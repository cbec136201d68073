using System.Reflection;
using Newtonsoft.Json;
using Newtonsoft.Json.Serialization;

namespace ClaimsLedger.Serialization;

/// <summary>
/// camelCase names, properties in declaration order with base-type properties first, so the same value always
/// serializes to the same bytes.
/// </summary>
internal sealed class DeclarationOrderResolver : DefaultContractResolver
{
    public DeclarationOrderResolver() => NamingStrategy = new CamelCaseNamingStrategy();

    protected override IList<JsonProperty> CreateProperties(Type type, MemberSerialization memberSerialization) =>
        [.. base.CreateProperties(type, memberSerialization)
            .OrderBy(property => Depth(property.DeclaringType))
            .ThenBy(property => MetadataToken(property))];

    private static int Depth(Type? type)
    {
        var depth = 0;
        for (var current = type; current is not null; current = current.BaseType)
        {
            depth++;
        }

        return depth;
    }

    private static int MetadataToken(JsonProperty property) =>
        property.DeclaringType?.GetProperty(property.UnderlyingName!,
            BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)?.MetadataToken ?? int.MaxValue;
}
