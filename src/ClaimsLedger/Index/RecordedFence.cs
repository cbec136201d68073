namespace ClaimsLedger.Index;

/// <summary>
/// Learns the recordedAt of the next event folded into an index after the fence was set, so that a reader that spans
/// several holds of the index's lock can tell whether what was folded in between can count as of its R.
/// </summary>
/// <remarks>Set and read under the owner's lock, like the index itself.</remarks>
internal sealed class RecordedFence
{
    /// <summary>recordedAt of the first event folded after the fence was set; null while none has been.</summary>
    public DateTimeOffset? Next { get; private set; }

    public void Pass(DateTimeOffset recordedAt) => Next ??= recordedAt;
}
