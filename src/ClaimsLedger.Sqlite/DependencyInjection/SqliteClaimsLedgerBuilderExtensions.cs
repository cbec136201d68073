using ClaimsLedger.DependencyInjection;

namespace ClaimsLedger.Sqlite;

/// <summary>Chooses the SQLite store on the builder <c>AddClaimsLedger</c> returns.</summary>
public static class SqliteClaimsLedgerBuilderExtensions
{
    /// <summary>Keeps the ledger in the SQLite file at <paramref name="path"/> (created when missing).</summary>
    /// <exception cref="InvalidOperationException">A store was already chosen.</exception>
    public static ClaimsLedgerBuilder UseSqlite(this ClaimsLedgerBuilder builder, string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        return UseSqlite(builder, settings => settings.Path = path);
    }

    /// <summary>
    /// Keeps the ledger in a SQLite file, with <see cref="SqliteServiceOptions"/> bound from the <c>Sqlite</c>
    /// sub-section of the ledger's configuration, then changed by <paramref name="configure"/> (code wins).
    /// </summary>
    /// <exception cref="InvalidOperationException">A store was already chosen.</exception>
    public static ClaimsLedgerBuilder UseSqlite(this ClaimsLedgerBuilder builder,
        Action<SqliteServiceOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        return Use(builder, configure);
    }

    /// <summary>
    /// Uses the settings bound from the <c>Sqlite</c> sub-section of the ledger's configuration as they are; see
    /// <see cref="UseSqlite(ClaimsLedgerBuilder, Action{SqliteServiceOptions})"/>.
    /// </summary>
    /// <exception cref="InvalidOperationException">A store was already chosen.</exception>
    public static ClaimsLedgerBuilder UseSqlite(this ClaimsLedgerBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return Use(builder, null);
    }

    private static ClaimsLedgerBuilder Use(ClaimsLedgerBuilder builder, Action<SqliteServiceOptions>? configure) =>
        builder.UseStore<SqliteServiceOptions>("sqlite", "Sqlite", configure,
            settings => settings.ToStoreOptions(TimeProvider.System, null).Validate(),
            async (settings, context, cancellationToken) => await SqliteEventStore.OpenAsync(
                settings.ToStoreOptions(context.Clock, context.LoggerFactory), cancellationToken).ConfigureAwait(false));
}
