using System.Collections.Frozen;
using System.Reflection;
using ClaimsLedger.Events;

namespace ClaimsLedger;

/// <summary>
/// The stable, versioned type names under which events are stored, e.g. <c>statement-asserted.v1</c>.
/// A name never changes meaning; a new payload shape gets a new version suffix.
/// </summary>
public static class EventTypeNames
{
    private static readonly FrozenDictionary<Type, string> NamesByType = typeof(LedgerEvent).Assembly.GetTypes()
        .Select(type => (type, attribute: type.GetCustomAttribute<LedgerEventTypeAttribute>()))
        .Where(pair => pair.attribute is not null)
        .ToFrozenDictionary(pair => pair.type, pair => pair.attribute!.Name);

    private static readonly FrozenDictionary<string, Type> TypesByName =
        NamesByType.ToFrozenDictionary(pair => pair.Value, pair => pair.Key, StringComparer.Ordinal);

    /// <summary>Every type name the ledger writes, in ordinal order.</summary>
    public static IReadOnlyList<string> All { get; } = [.. TypesByName.Keys.Order(StringComparer.Ordinal)];

    /// <summary>The type name of an event.</summary>
    public static string Of(LedgerEvent @event)
    {
        ArgumentNullException.ThrowIfNull(@event);
        return Of(@event.GetType());
    }

    /// <summary>The type name of an event type.</summary>
    /// <exception cref="ArgumentException">Not one of the ledger's event types.</exception>
    public static string Of(Type eventType) =>
        NamesByType.TryGetValue(eventType, out var name)
            ? name
            : throw new ArgumentException($"{eventType} is not a ledger event type", nameof(eventType));

    /// <summary>The event type stored under a name, or null when the name is unknown.</summary>
    public static Type? TypeOf(string name) => TypesByName.GetValueOrDefault(name);
}
