using Microsoft.Extensions.Configuration;

namespace ClaimsLedger.DependencyInjection;

/// <summary>The configuration section a settings type was bound from (null when set in code only), for messages.</summary>
internal sealed record SettingsSection<TSettings>(IConfiguration? Section);
