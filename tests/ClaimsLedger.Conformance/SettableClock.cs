namespace ClaimsLedger.Conformance;

/// <summary>A clock that can be set anywhere, backwards included (unlike FakeTimeProvider), to test clock skew.</summary>
public sealed class SettableClock(DateTimeOffset now) : TimeProvider
{
    /// <summary>The time the clock reports.</summary>
    public DateTimeOffset Now { get; set; } = now;

    /// <inheritdoc/>
    public override DateTimeOffset GetUtcNow() => Now;
}
