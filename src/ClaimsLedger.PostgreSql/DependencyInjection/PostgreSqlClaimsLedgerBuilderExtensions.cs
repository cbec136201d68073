using ClaimsLedger.DependencyInjection;

namespace ClaimsLedger.PostgreSql;

/// <summary>Chooses the PostgreSQL store on the builder <c>AddClaimsLedger</c> returns.</summary>
public static class PostgreSqlClaimsLedgerBuilderExtensions
{
    /// <summary>Keeps the ledger on the PostgreSQL server named by <paramref name="connectionString"/>, in the default
    /// schema (or the configured one).</summary>
    /// <exception cref="InvalidOperationException">A store was already chosen.</exception>
    public static ClaimsLedgerBuilder UsePostgreSql(this ClaimsLedgerBuilder builder, string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        return UsePostgreSql(builder, settings => settings.ConnectionString = connectionString);
    }

    /// <summary>
    /// Keeps the ledger on a PostgreSQL server, with <see cref="PostgreSqlServiceOptions"/> bound from the
    /// <c>PostgreSql</c> sub-section of the ledger's configuration, then changed by <paramref name="configure"/>
    /// (code wins). The schema is created or upgraded when the ledger opens.
    /// </summary>
    /// <exception cref="InvalidOperationException">A store was already chosen.</exception>
    public static ClaimsLedgerBuilder UsePostgreSql(this ClaimsLedgerBuilder builder,
        Action<PostgreSqlServiceOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        return Use(builder, configure);
    }

    /// <summary>
    /// Uses the settings bound from the <c>PostgreSql</c> sub-section of the ledger's configuration as they are; see
    /// <see cref="UsePostgreSql(ClaimsLedgerBuilder, Action{PostgreSqlServiceOptions})"/>.
    /// </summary>
    /// <exception cref="InvalidOperationException">A store was already chosen.</exception>
    public static ClaimsLedgerBuilder UsePostgreSql(this ClaimsLedgerBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return Use(builder, null);
    }

    private static ClaimsLedgerBuilder Use(ClaimsLedgerBuilder builder, Action<PostgreSqlServiceOptions>? configure) =>
        builder.UseStore<PostgreSqlServiceOptions>("postgresql", "PostgreSql", configure,
            settings => settings.ToStoreOptions(TimeProvider.System, null).Validate(),
            async (settings, context, cancellationToken) => await PostgreSqlEventStore.OpenAsync(
                settings.ToStoreOptions(context.Clock, context.LoggerFactory), cancellationToken).ConfigureAwait(false));
}
