using ClaimsLedger.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ClaimsLedger.PostgreSql;

/// <summary>Checks the PostgreSQL settings at start with the rules of <see cref="PostgreSqlStoreOptions.Validate"/>.</summary>
internal sealed class PostgreSqlServiceOptionsValidator(SettingsSection<PostgreSqlServiceOptions> source)
    : IValidateOptions<PostgreSqlServiceOptions>
{
    public ValidateOptionsResult Validate(string? name, PostgreSqlServiceOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return SettingsValidation.Check(source.Section, nameof(PostgreSqlServiceOptions),
            () => options.ToStoreOptions(TimeProvider.System, null).Validate());
    }
}
