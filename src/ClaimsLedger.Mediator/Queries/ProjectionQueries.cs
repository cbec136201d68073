using System.Runtime.CompilerServices;
using ClaimsLedger.Projections;
using Mediator;

namespace ClaimsLedger.Mediator;

/// <summary>
/// A custom projection run from scratch as of a point (<see cref="Ledger.ProjectAsync{TState}"/>). Create it with
/// <see cref="Of{TState}"/>; the reply's <see cref="ProjectedState.As{TState}"/> gives the state back typed, or use
/// <see cref="ProjectionSenderExtensions.ProjectAsync{TState}"/>, which does both.
/// </summary>
/// <remarks>
/// Not generic because the Mediator source generator (3.0) refuses generic messages and handlers (its diagnostics
/// MSG0003 and MSG0005): the query holds the projection with its state type, and the one handler runs it.
/// </remarks>
public sealed class GetProjection : IQuery<ProjectedState>
{
    private readonly Func<Ledger, CancellationToken, Task<ProjectedState>> _run;

    private GetProjection(object projection, Type stateType, AsOf asOf,
        Func<Ledger, CancellationToken, Task<ProjectedState>> run)
    {
        Projection = projection;
        StateType = stateType;
        AsOf = asOf;
        _run = run;
    }

    /// <summary>The projection, an <see cref="ILedgerProjection{TState}"/> of <see cref="StateType"/>.</summary>
    public object Projection { get; }

    /// <summary>The projection's state type.</summary>
    public Type StateType { get; }

    /// <summary>The (said, recorded) point; <c>AsOf.Now(clock)</c> for now.</summary>
    public AsOf AsOf { get; }

    /// <summary>The query running <paramref name="projection"/> as of <paramref name="asOf"/>.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="projection"/> is null.</exception>
    public static GetProjection Of<TState>(ILedgerProjection<TState> projection, AsOf asOf)
    {
        ArgumentNullException.ThrowIfNull(projection);
        return new GetProjection(projection, typeof(TState), asOf, async (ledger, cancellationToken) =>
            new ProjectedState(typeof(TState),
                await ledger.ProjectAsync(projection, asOf, cancellationToken).ConfigureAwait(false)));
    }

    internal Task<ProjectedState> RunAsync(Ledger ledger, CancellationToken cancellationToken) =>
        _run(ledger, cancellationToken);
}

/// <summary>
/// A custom projection kept live (<c>Ledger.ProjectLiveAsync</c>): send it with
/// <c>mediator.CreateStream</c> for the state once caught up, then again after every new entry, until cancelled.
/// Create it with <c>WatchProjection.Of</c>, or use <c>mediator.ProjectLive</c>.
/// </summary>
/// <remarks>Not generic, for the reason given on <see cref="GetProjection"/>.</remarks>
public sealed class WatchProjection : IStreamQuery<ProjectedState>
{
    private readonly Func<Ledger, CancellationToken, IAsyncEnumerable<ProjectedState>> _run;

    private WatchProjection(object projection, Type stateType, DateTimeOffset said, SaidInclusion inclusion,
        CorrectionHandling corrections, Func<Ledger, CancellationToken, IAsyncEnumerable<ProjectedState>> run)
    {
        Projection = projection;
        StateType = stateType;
        Said = said;
        Inclusion = inclusion;
        Corrections = corrections;
        _run = run;
    }

    /// <summary>The projection, an <see cref="ILedgerProjection{TState}"/> of <see cref="StateType"/>.</summary>
    public object Projection { get; }

    /// <summary>The projection's state type.</summary>
    public Type StateType { get; }

    /// <summary>What a correction recorded later does: rebuild the state, or reach the projection as an entry.</summary>
    public CorrectionHandling Corrections { get; }

    /// <summary>The fixed said time (T) statements are counted by; <see cref="DateTimeOffset.MaxValue"/> when
    /// unbounded.</summary>
    public DateTimeOffset Said { get; }

    /// <summary>Whether a statement counts when certainly or possibly said by <see cref="Said"/>.</summary>
    public SaidInclusion Inclusion { get; }

    /// <summary>The stream query keeping <paramref name="projection"/> live over every recorded statement.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="projection"/> is null.</exception>
    public static WatchProjection Of<TState>(ILedgerProjection<TState> projection,
        CorrectionHandling corrections = CorrectionHandling.Rebuild) =>
        Of(projection, DateTimeOffset.MaxValue, SaidInclusion.PossiblySaid, corrections);

    /// <summary>The stream query keeping <paramref name="projection"/> live as of the fixed said time
    /// <paramref name="said"/>, counting statements as <paramref name="inclusion"/> says (rule 2).</summary>
    /// <exception cref="ArgumentNullException"><paramref name="projection"/> is null.</exception>
    public static WatchProjection Of<TState>(ILedgerProjection<TState> projection, DateTimeOffset said,
        SaidInclusion inclusion, CorrectionHandling corrections = CorrectionHandling.Rebuild)
    {
        ArgumentNullException.ThrowIfNull(projection);
        return new WatchProjection(projection, typeof(TState), said, inclusion, corrections,
            (ledger, cancellationToken) => Live(ledger, projection, said, inclusion, corrections, cancellationToken));
    }

    internal IAsyncEnumerable<ProjectedState> Run(Ledger ledger, CancellationToken cancellationToken) =>
        _run(ledger, cancellationToken);

    private static async IAsyncEnumerable<ProjectedState> Live<TState>(Ledger ledger,
        ILedgerProjection<TState> projection, DateTimeOffset said, SaidInclusion inclusion,
        CorrectionHandling corrections, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var state in ledger.ProjectLiveAsync(projection, said, inclusion, corrections, cancellationToken)
                           .ConfigureAwait(false))
        {
            yield return new ProjectedState(typeof(TState), state);
        }
    }
}

/// <summary>The state a projection query returned, with its type.</summary>
public sealed class ProjectedState
{
    internal ProjectedState(Type stateType, object? value)
    {
        StateType = stateType;
        Value = value;
    }

    /// <summary>The projection's state type.</summary>
    public Type StateType { get; }

    /// <summary>The state (boxed when it is a value type).</summary>
    public object? Value { get; }

    /// <summary>The state as the projection's own type.</summary>
    /// <exception cref="InvalidCastException">The state is not a <typeparamref name="TState"/>; the message names both
    /// types.</exception>
    public TState As<TState>()
    {
        if (!typeof(TState).IsAssignableFrom(StateType))
        {
            throw new InvalidCastException(
                $"The projection's state is a {StateType.FullName}, not a {typeof(TState).FullName}");
        }

        return (TState)Value!;
    }
}

/// <summary>Sending projection queries with the state typed, as the ledger's own methods return it.</summary>
public static class ProjectionSenderExtensions
{
    /// <summary>Sends <see cref="GetProjection"/>: the projection run as of <paramref name="asOf"/>, as
    /// <see cref="Ledger.ProjectAsync{TState}"/> returns it.</summary>
    public static async ValueTask<TState> ProjectAsync<TState>(this ISender sender,
        ILedgerProjection<TState> projection, AsOf asOf, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sender);
        var reply = await sender.Send(GetProjection.Of(projection, asOf), cancellationToken).ConfigureAwait(false);
        return reply.As<TState>();
    }

    /// <summary>Creates the <see cref="WatchProjection"/> stream: the states <c>Ledger.ProjectLiveAsync</c> yields,
    /// until <paramref name="cancellationToken"/> is cancelled.</summary>
    public static IAsyncEnumerable<TState> ProjectLive<TState>(this ISender sender,
        ILedgerProjection<TState> projection, CorrectionHandling corrections = CorrectionHandling.Rebuild,
        CancellationToken cancellationToken = default) =>
        Watch<TState>(sender, WatchProjection.Of(projection, corrections), cancellationToken);

    /// <summary>Creates the <see cref="WatchProjection"/> stream as of the fixed said time <paramref name="said"/>:
    /// the states <c>Ledger.ProjectLiveAsync</c> yields for it, until <paramref name="cancellationToken"/> is
    /// cancelled.</summary>
    public static IAsyncEnumerable<TState> ProjectLive<TState>(this ISender sender,
        ILedgerProjection<TState> projection, DateTimeOffset said, SaidInclusion inclusion,
        CorrectionHandling corrections = CorrectionHandling.Rebuild, CancellationToken cancellationToken = default) =>
        Watch<TState>(sender, WatchProjection.Of(projection, said, inclusion, corrections), cancellationToken);

    private static async IAsyncEnumerable<TState> Watch<TState>(ISender sender, WatchProjection query,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sender);
        await foreach (var reply in sender.CreateStream(query, cancellationToken).ConfigureAwait(false))
        {
            yield return reply.As<TState>();
        }
    }
}
