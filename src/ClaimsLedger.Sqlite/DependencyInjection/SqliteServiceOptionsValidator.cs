using ClaimsLedger.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ClaimsLedger.Sqlite;

/// <summary>Checks the SQLite settings at start with the rules of <see cref="SqliteStoreOptions.Validate"/>.</summary>
internal sealed class SqliteServiceOptionsValidator(SettingsSection<SqliteServiceOptions> source)
    : IValidateOptions<SqliteServiceOptions>
{
    public ValidateOptionsResult Validate(string? name, SqliteServiceOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return SettingsValidation.Check(source.Section, nameof(SqliteServiceOptions),
            () => options.ToStoreOptions(TimeProvider.System, null).Validate());
    }
}
