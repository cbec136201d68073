using ClaimsLedger.DependencyInjection;

namespace ClaimsLedger.EventStoreDb;

/// <summary>Chooses the EventStoreDB store on the builder <c>AddClaimsLedger</c> returns.</summary>
public static class EventStoreDbClaimsLedgerBuilderExtensions
{
    /// <summary>Keeps the ledger on the EventStoreDB / KurrentDB node named by <paramref name="connectionString"/>.</summary>
    /// <exception cref="InvalidOperationException">A store was already chosen.</exception>
    public static ClaimsLedgerBuilder UseEventStoreDb(this ClaimsLedgerBuilder builder, string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        return UseEventStoreDb(builder, settings => settings.ConnectionString = connectionString);
    }

    /// <summary>
    /// Keeps the ledger on EventStoreDB, with <see cref="EventStoreDbServiceOptions"/> bound from the <c>EventStoreDb</c>
    /// sub-section of the ledger's configuration, then changed by <paramref name="configure"/> (code wins).
    /// </summary>
    /// <exception cref="InvalidOperationException">A store was already chosen.</exception>
    public static ClaimsLedgerBuilder UseEventStoreDb(this ClaimsLedgerBuilder builder,
        Action<EventStoreDbServiceOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        return Use(builder, configure);
    }

    /// <summary>Uses the settings bound from the <c>EventStoreDb</c> sub-section of the ledger's configuration as they are.</summary>
    /// <exception cref="InvalidOperationException">A store was already chosen.</exception>
    public static ClaimsLedgerBuilder UseEventStoreDb(this ClaimsLedgerBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return Use(builder, null);
    }

    private static ClaimsLedgerBuilder Use(ClaimsLedgerBuilder builder, Action<EventStoreDbServiceOptions>? configure) =>
        builder.UseStore<EventStoreDbServiceOptions>("eventstoredb", "EventStoreDb", configure,
            // EventStoreDbStoreOptions.Validate names the property (ConnectionString, StreamPrefix, ...), which the
            // settings check words as its configuration key.
            settings => settings.ToStoreOptions(TimeProvider.System, null).Validate(),
            async (settings, context, cancellationToken) => await EventStoreDbEventStore.OpenAsync(
                settings.ToStoreOptions(context.Clock, context.LoggerFactory), cancellationToken).ConfigureAwait(false));
}
