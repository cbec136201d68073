namespace ClaimsLedger.Projections;

/// <summary>
/// A user-defined projection: folds ledger entries, in global order, into a state of your own.
/// </summary>
/// <typeparam name="TState">The state; may be immutable (return a new one) or mutable (return the same one).</typeparam>
/// <remarks>
/// Run it with <see cref="Ledger.ProjectAsync{TState}"/> as of any (T, R), or keep it live with
/// <see cref="Ledger.ProjectLiveAsync{TState}(ILedgerProjection{TState}, CorrectionHandling, CancellationToken)"/> (or as of a fixed said time).
/// </remarks>
public interface ILedgerProjection<TState>
{
    /// <summary>A fresh state, before any entry.</summary>
    TState CreateState();

    /// <summary>Folds one entry into the state.</summary>
    TState Apply(TState state, LedgerEntry entry);
}

/// <summary>Builds projections from delegates.</summary>
public static class LedgerProjection
{
    /// <summary>A projection from a state factory and a fold function.</summary>
    public static ILedgerProjection<TState> Create<TState>(Func<TState> createState,
        Func<TState, LedgerEntry, TState> apply)
    {
        ArgumentNullException.ThrowIfNull(createState);
        ArgumentNullException.ThrowIfNull(apply);
        return new DelegateProjection<TState>(createState, apply);
    }

    private sealed class DelegateProjection<TState>(Func<TState> createState, Func<TState, LedgerEntry, TState> apply)
        : ILedgerProjection<TState>
    {
        public TState CreateState() => createState();

        public TState Apply(TState state, LedgerEntry entry) => apply(state, entry);
    }
}
