namespace ClaimsLedger.Events;

/// <summary>Gives an event record its stable, versioned type name in the store.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
internal sealed class LedgerEventTypeAttribute(string name) : Attribute
{
    public string Name { get; } = name;
}
