namespace Belgorod;

/// <summary>
/// The ledger clock of a replay: history is recorded as if it happened at the times it was reported, so the
/// "as recorded" axis of the views means something.
/// </summary>
public sealed class ReplayClock(DateTimeOffset start) : TimeProvider
{
    private DateTimeOffset _now = start;

    public override DateTimeOffset GetUtcNow() => _now;

    /// <summary>Moves the clock to <paramref name="instant"/>; a replay clock never goes back.</summary>
    public void MoveTo(DateTimeOffset instant)
    {
        if (instant < _now)
        {
            throw new ArgumentOutOfRangeException(nameof(instant), instant, $"the replay clock is already at {_now:O}");
        }

        _now = instant;
    }
}
