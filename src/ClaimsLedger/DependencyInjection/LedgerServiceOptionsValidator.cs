using Microsoft.Extensions.Options;

namespace ClaimsLedger.DependencyInjection;

/// <summary>Checks the ledger's settings, and that a store was chosen, when the host starts.</summary>
internal sealed class LedgerServiceOptionsValidator(
    IEnumerable<LedgerStoreRegistration> stores, SettingsSection<LedgerServiceOptions> source) : IValidateOptions<LedgerServiceOptions>
{
    public const string NoStore = "AddClaimsLedger: no store was chosen; call UseInMemory(), UseSqlite(...) or " +
                                  "UsePostgreSql(...) on the builder it returns";

    public ValidateOptionsResult Validate(string? name, LedgerServiceOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!stores.Any())
        {
            return ValidateOptionsResult.Fail(NoStore);
        }

        return SettingsValidation.Check(source.Section, nameof(LedgerServiceOptions),
            () => new LedgerOptions { ConcurrencyRetries = options.ConcurrencyRetries }.Validate());
    }
}
