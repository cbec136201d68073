using ClaimsLedger.Events;
using ClaimsLedger.Serialization;
using Newtonsoft.Json.Linq;

namespace ClaimsLedger.Validation;

/// <summary>Names the fields in which two events differ, for duplicate-id messages.</summary>
internal static class EventDifferences
{
    public static string Fields(LedgerEvent existing, LedgerEvent proposed)
    {
        if (existing.GetType() != proposed.GetType())
        {
            return $"it is a {EventTypeNames.Of(existing)}, not a {EventTypeNames.Of(proposed)}";
        }

        var a = JObject.FromObject(existing, LedgerJson.Serializer);
        var b = JObject.FromObject(proposed, LedgerJson.Serializer);
        var names = a.Properties().Select(p => p.Name).Union(b.Properties().Select(p => p.Name))
            .Where(name => !JToken.DeepEquals(a[name], b[name]))
            .ToList();
        return names.Count == 0 ? "same fields, different encoding" : "differs in " + string.Join(", ", names);
    }
}
