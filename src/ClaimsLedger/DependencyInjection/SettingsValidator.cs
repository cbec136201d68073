using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace ClaimsLedger.DependencyInjection;

/// <summary>Checks settings at start with the rules of the options record they stand for.</summary>
internal sealed class SettingsValidator<TSettings>(IConfiguration? section, Action<TSettings> validate)
    : IValidateOptions<TSettings>
    where TSettings : class
{
    public ValidateOptionsResult Validate(string? name, TSettings options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return SettingsValidation.Check(section, options, validate);
    }
}
