using System.Reflection;
using System.Runtime.CompilerServices;
using ClaimsLedger.Events;
using ClaimsLedger.Views;

namespace ClaimsLedger.Tests.Model;

/// <summary>Events and views are values: sealed (or abstract) records whose properties can only be set at creation.</summary>
public sealed class ImmutabilityTests
{
    public static TheoryData<Type> PublicModelTypes()
    {
        var data = new TheoryData<Type>();
        foreach (var type in typeof(LedgerEvent).Assembly.GetExportedTypes()
                     .Where(t => t.Namespace is "ClaimsLedger.Events" or "ClaimsLedger.Views")
                     .Where(t => t is { IsClass: true } && !(t.IsAbstract && t.IsSealed)))
        {
            data.Add(type);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(PublicModelTypes))]
    public void Every_public_event_and_view_type_is_sealed_or_abstract(Type type)
    {
        Assert.True(type.IsSealed || type.IsAbstract, $"{type.Name} should be sealed");
    }

    [Theory]
    [MemberData(nameof(PublicModelTypes))]
    public void Every_public_event_and_view_type_has_no_public_setter(Type type)
    {
        var settable = type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.SetMethod is { IsPublic: true } setter
                        && !setter.ReturnParameter.GetRequiredCustomModifiers().Contains(typeof(IsExternalInit)))
            .Select(p => p.Name);

        Assert.Empty(settable);
    }

    [Fact]
    public void There_are_model_types_to_check()
    {
        Assert.True(PublicModelTypes().Count > 30);
    }
}
