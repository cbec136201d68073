using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace ClaimsLedger.DependencyInjection;

/// <summary>
/// Turns the <see cref="ArgumentException"/> of an options record's own <c>Validate()</c> into an options validation
/// result naming the setting as the user wrote it: its configuration key when bound from configuration, else its
/// property. The rules stay in one place, the records.
/// </summary>
internal static class SettingsValidation
{
    /// <summary>The check of an options record's Validate(), worded with the configuration key it was bound from.</summary>
    public static ValidateOptionsResult Check<TSettings>(IConfiguration? section, TSettings settings,
        Action<TSettings> validate) => Check(section, typeof(TSettings).Name, () => validate(settings));

    public static ValidateOptionsResult Check(IConfiguration? section, string settingsType, Action validate)
    {
        try
        {
            validate();
            return ValidateOptionsResult.Success;
        }
        catch (ArgumentException e)
        {
            var property = e.ParamName ?? "?";
            var setting = section is IConfigurationSection { Path: { Length: > 0 } path }
                ? $"{path}:{property}"
                : $"{settingsType}.{property}";
            return ValidateOptionsResult.Fail($"invalid setting {setting}: {e.Message.Split(" (Parameter")[0]}");
        }
    }
}
