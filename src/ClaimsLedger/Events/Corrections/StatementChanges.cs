namespace ClaimsLedger.Events;

/// <summary>
/// The fields an amendment replaces in a recorded statement. Only these fields can be amended; a statement's
/// claim or kind never changes (strike it and record a new one instead).
/// </summary>
/// <remarks>Unset properties are left as they were. At least one change is required.</remarks>
public sealed record StatementChanges
{
    /// <summary>The corrected speaker, e.g. when a statement was misattributed.</summary>
    public ActorId? Actor { get; init; }

    /// <summary>The corrected certainty; only for assertions and denials.</summary>
    public Certainty? Certainty { get; init; }

    /// <summary>The corrected quote. To remove the quote use <see cref="RemoveQuote"/>.</summary>
    public string? Quote { get; init; }

    /// <summary>True to remove the quote (it was not a verbatim quote).</summary>
    public bool RemoveQuote { get; init; }

    /// <summary>The corrected time the statement was made.</summary>
    public SaidAt? SaidAt { get; init; }

    /// <summary>The corrected source.</summary>
    public SourceId? Source { get; init; }

    /// <summary>The corrected chain of intermediaries; an empty list removes it.</summary>
    public IReadOnlyList<ActorId>? Via { get; init => field = value is null ? null : ValueList<ActorId>.From(value); }

    /// <summary>True when no field is changed.</summary>
    internal bool IsEmpty =>
        Actor is null && Certainty is null && Quote is null && !RemoveQuote && SaidAt is null && Source is null
        && Via is null;

    /// <summary>The statement with these changes applied.</summary>
    internal Statement ApplyTo(Statement statement)
    {
        var changed = statement with
        {
            Actor = Actor ?? statement.Actor,
            Quote = RemoveQuote ? null : Quote ?? statement.Quote,
            SaidAt = SaidAt ?? statement.SaidAt,
            Source = Source ?? statement.Source,
            Via = Via ?? statement.Via,
        };
        return Certainty is { } certainty && changed is StanceStatement stance
            ? stance with { Certainty = certainty }
            : changed;
    }
}
