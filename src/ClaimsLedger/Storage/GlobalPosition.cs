namespace ClaimsLedger.Storage;

/// <summary>
/// An event's place in the store's single total order (the <c>$all</c> position in EventStoreDB terms):
/// ordered by <see cref="Commit"/>, then <see cref="Prepare"/>.
/// </summary>
/// <remarks>
/// SQL and in-memory stores number events 1, 2, 3 ... without gaps and set both parts to that number;
/// EventStoreDB gives log offsets. Compare positions, never subtract them.
/// </remarks>
public readonly record struct GlobalPosition(ulong Commit, ulong Prepare) : IComparable<GlobalPosition>
{
    /// <summary>Before the first event: reading from here reads everything.</summary>
    public static GlobalPosition Start { get; } = new(0, 0);

    /// <summary>After the last event.</summary>
    public static GlobalPosition End { get; } = new(ulong.MaxValue, ulong.MaxValue);

    /// <summary>The position of the <paramref name="sequence"/>-th event of a gap-free store (1-based).</summary>
    public static GlobalPosition FromSequence(long sequence) =>
        sequence >= 0 ? new((ulong)sequence, (ulong)sequence) : throw new ArgumentOutOfRangeException(nameof(sequence));

    /// <summary>The sequence number in a gap-free store (where commit and prepare are equal).</summary>
    public long ToSequence() => checked((long)Commit);

    /// <inheritdoc/>
    public int CompareTo(GlobalPosition other)
    {
        var byCommit = Commit.CompareTo(other.Commit);
        return byCommit != 0 ? byCommit : Prepare.CompareTo(other.Prepare);
    }

    /// <summary>True when <paramref name="left"/> comes before <paramref name="right"/>.</summary>
    public static bool operator <(GlobalPosition left, GlobalPosition right) => left.CompareTo(right) < 0;

    /// <summary>True when <paramref name="left"/> comes after <paramref name="right"/>.</summary>
    public static bool operator >(GlobalPosition left, GlobalPosition right) => left.CompareTo(right) > 0;

    /// <summary>True when <paramref name="left"/> does not come after <paramref name="right"/>.</summary>
    public static bool operator <=(GlobalPosition left, GlobalPosition right) => left.CompareTo(right) <= 0;

    /// <summary>True when <paramref name="left"/> does not come before <paramref name="right"/>.</summary>
    public static bool operator >=(GlobalPosition left, GlobalPosition right) => left.CompareTo(right) >= 0;

    /// <inheritdoc/>
    public override string ToString() => Commit == Prepare ? $"{Commit}" : $"{Commit}/{Prepare}";
}
