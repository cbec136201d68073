using ClaimsLedger.Events;
using ClaimsLedger.Storage;

namespace ClaimsLedger.Index;

/// <summary>A recorded statement with the corrections recorded against it, in log order.</summary>
internal sealed class StatementEntry(Statement original, long ordinal, DateTimeOffset recordedAt)
{
    // What corrections and conclusions add to a statement, in an object of its own: most statements never get any,
    // and four empty references on each of a million entries are 32 MB.
    private Later? _later;

    public Statement Original { get; } = original;

    /// <summary>Dense place in log order; orders like the global position.</summary>
    public long Ordinal { get; } = ordinal;

    public DateTimeOffset RecordedAt { get; } = recordedAt;

    /// <summary>The statement with every correction applied (what the ledger holds now).</summary>
    public Statement Current => _later?.Current ?? Original;

    /// <summary>The strike, if the statement has been struck.</summary>
    public CorrectionEntry? Strike => _later?.Strike;

    /// <summary>Conclusions recorded for an investigation opening, in log order; null when there are none.</summary>
    public List<StatementEntry>? Conclusions => _later?.Conclusions;

    public IReadOnlyList<CorrectionEntry> Corrections =>
        _later?.Corrections ?? (IReadOnlyList<CorrectionEntry>)[];

    /// <summary>The registered actor of <see cref="Original"/>, resolved when the statement is folded in.</summary>
    public ActorEntry? Speaker { get; init; }

    /// <summary>The registered source of <see cref="Original"/>, resolved when the statement is folded in.</summary>
    public SourceEntry? Source { get; init; }

    public bool HasCorrections => _later?.Corrections is not null;

    /// <summary>Notes a conclusion of the investigation this statement opened.</summary>
    public void AddConclusion(StatementEntry conclusion) =>
        ((_later ??= new Later()).Conclusions ??= []).Add(conclusion);

    public void AddCorrection(CorrectionEntry correction)
    {
        var later = _later ??= new Later();
        (later.Corrections ??= []).Add(correction);
        switch (correction.Event)
        {
            case StatementAmended amended:
                later.Current = amended.Changes.ApplyTo(Current);
                break;
            case StatementStruck:
                later.Strike = correction;
                break;
        }
    }

    /// <summary>
    /// The statement as the ledger held it at <paramref name="recorded"/>: amendments recorded by then applied;
    /// false when a strike recorded by then removes it.
    /// </summary>
    public bool TryAsRecordedAt(DateTimeOffset recorded, out Statement statement, out int correctionsApplied)
    {
        statement = Original;
        correctionsApplied = 0;
        if (_later?.Corrections is not { } corrections)
        {
            return true;
        }

        foreach (var correction in corrections)
        {
            if (correction.RecordedAt > recorded)
            {
                break;
            }

            if (correction.Event is StatementStruck)
            {
                return false;
            }

            statement = ((StatementAmended)correction.Event).Changes.ApplyTo(statement);
            correctionsApplied++;
        }

        return true;
    }

    /// <summary>True when a strike recorded at or before <paramref name="recorded"/> removes the statement.</summary>
    public bool IsStruckAt(DateTimeOffset recorded) => Strike is { } strike && strike.RecordedAt <= recorded;

    private sealed class Later
    {
        public List<CorrectionEntry>? Corrections;

        public Statement? Current;

        public CorrectionEntry? Strike;

        public List<StatementEntry>? Conclusions;
    }
}
