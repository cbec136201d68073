namespace ClaimsLedger.Storage;

/// <summary>
/// What a writer expects a stream's version to be before appending (optimistic concurrency). Maps onto
/// EventStoreDB's expected revision: <see cref="NoStream"/>, <see cref="Any"/>, <see cref="StreamExists"/>, or
/// an exact revision (0-based number of the stream's last event).
/// </summary>
public readonly record struct ExpectedVersion
{
    private const long AnyValue = -2;
    private const long NoStreamValue = -1;
    private const long StreamExistsValue = -4;

    private ExpectedVersion(long value) => Value = value;

    /// <summary>No concurrency check.</summary>
    public static ExpectedVersion Any { get; } = new(AnyValue);

    /// <summary>The stream must not exist yet.</summary>
    public static ExpectedVersion NoStream { get; } = new(NoStreamValue);

    /// <summary>The stream must exist, at any version.</summary>
    public static ExpectedVersion StreamExists { get; } = new(StreamExistsValue);

    /// <summary>
    /// The raw value: a revision (≥ 0), or -1 no stream, -2 any, -4 stream exists (EventStoreDB's numbering).
    /// </summary>
    public long Value { get; }

    /// <summary>True when a specific revision is expected.</summary>
    public bool IsExact => Value >= 0;

    /// <summary>The stream's last event must have this 0-based revision.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="revision"/> is negative.</exception>
    public static ExpectedVersion Exactly(long revision) =>
        revision >= 0 ? new(revision) : throw new ArgumentOutOfRangeException(nameof(revision), revision, "revision must be >= 0");

    /// <summary>The expectation matching a stream's current last revision (null when the stream has no events).</summary>
    public static ExpectedVersion From(long? currentRevision) =>
        currentRevision is { } revision ? Exactly(revision) : NoStream;

    /// <summary>True when a stream whose last revision is <paramref name="currentRevision"/> satisfies this.</summary>
    public bool IsSatisfiedBy(long? currentRevision) => Value switch
    {
        AnyValue => true,
        NoStreamValue => currentRevision is null,
        StreamExistsValue => currentRevision is not null,
        _ => currentRevision == Value,
    };

    /// <inheritdoc/>
    public override string ToString() => Value switch
    {
        AnyValue => "any",
        NoStreamValue => "no stream",
        StreamExistsValue => "stream exists",
        _ => $"revision {Value}",
    };
}
