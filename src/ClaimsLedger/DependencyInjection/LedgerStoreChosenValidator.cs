using Microsoft.Extensions.Options;

namespace ClaimsLedger.DependencyInjection;

/// <summary>Checks at start that a store was chosen on the builder.</summary>
internal sealed class LedgerStoreChosenValidator(IEnumerable<LedgerStoreRegistration> stores)
    : IValidateOptions<LedgerServiceOptions>
{
    public const string NoStore = "AddClaimsLedger: no store was chosen; call UseInMemory(), UseSqlite(...), " +
                                  "UsePostgreSql(...) or UseEventStoreDb(...) on the builder it returns";

    public ValidateOptionsResult Validate(string? name, LedgerServiceOptions options) =>
        stores.Any() ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(NoStore);
}
