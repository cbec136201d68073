using ClaimsLedger.Events;

namespace ClaimsLedger.Index;

/// <summary>
/// A recorded statement with the corrections recorded against it, in log order: a handle on it in the index's
/// <see cref="StatementTable"/>, equal to every other handle on the same statement.
/// </summary>
internal readonly record struct StatementEntry(StatementTable Table, int Number)
{
    private StatementLater? Later => Table.LaterOf(Number);

    /// <summary>The statement as recorded: decoded from the table on every call, so read it once.</summary>
    public Statement Original => Table.Read(Number);

    /// <summary>The statement with every amendment applied (what the ledger holds now), built on every call.</summary>
    /// <remarks>Not kept: a record, an id and a quote string for each of the few percent of statements amended was
    /// ~6 MB of a 1M-statement index, for a path (corrected statements) that is rare in every view.</remarks>
    public Statement Current
    {
        get
        {
            var statement = Original;
            if (Later?.Corrections is { } corrections)
            {
                foreach (var correction in corrections)
                {
                    if (correction.Event is StatementAmended amended)
                    {
                        statement = amended.Changes.ApplyTo(statement);
                    }
                }
            }

            return statement;
        }
    }

    /// <summary>The strike, if the statement has been struck.</summary>
    public CorrectionEntry? Strike => Later?.Strike;

    public IReadOnlyList<CorrectionEntry> Corrections =>
        Later?.Corrections ?? (IReadOnlyList<CorrectionEntry>)[];

    public bool HasCorrections => Later?.Corrections is not null;

    public void AddCorrection(CorrectionEntry correction)
    {
        var later = Table.LaterFor(Number);
        (later.Corrections ??= []).Add(correction);
        if (correction.Event is StatementStruck)
        {
            later.Strike = correction;
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
        if (Later?.Corrections is not { } corrections)
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

    public CorrectionEntry? Strike;
}
