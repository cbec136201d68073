using ClaimsLedger.Events;

namespace ClaimsLedger.Index;

/// <summary>
/// A recorded statement with the corrections recorded against it, in log order: a handle on its slot in the index's
/// <see cref="StatementTable"/>, equal to every other handle on the same statement.
/// </summary>
internal readonly record struct StatementEntry(StatementTable Table, int Number)
{
    private ref StatementTable.Slot Slot => ref Table.SlotOf(Number);

    public Statement Original => Slot.Original;

    /// <summary>The statement with every correction applied (what the ledger holds now).</summary>
    public Statement Current => Slot.Later?.Current ?? Original;

    /// <summary>The strike, if the statement has been struck.</summary>
    public CorrectionEntry? Strike => Slot.Later?.Strike;

    /// <summary>Conclusions recorded for an investigation opening, in log order; null when there are none.</summary>
    public List<StatementEntry>? Conclusions => Slot.Later?.Conclusions;

    public IReadOnlyList<CorrectionEntry> Corrections =>
        Slot.Later?.Corrections ?? (IReadOnlyList<CorrectionEntry>)[];

    public bool HasCorrections => Slot.Later?.Corrections is not null;

    /// <summary>Notes a conclusion of the investigation this statement opened.</summary>
    public void AddConclusion(StatementEntry conclusion) =>
        ((Slot.Later ??= new StatementLater()).Conclusions ??= []).Add(conclusion);

    public void AddCorrection(CorrectionEntry correction)
    {
        var later = Slot.Later ??= new StatementLater();
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
        if (Slot.Later?.Corrections is not { } corrections)
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
}

/// <summary>What corrections and conclusions add to a statement.</summary>
internal sealed class StatementLater
{
    public List<CorrectionEntry>? Corrections;

    public Statement? Current;

    public CorrectionEntry? Strike;

    public List<StatementEntry>? Conclusions;
}
