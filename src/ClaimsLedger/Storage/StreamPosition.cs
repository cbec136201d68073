namespace ClaimsLedger.Storage;

/// <summary>Named revisions for <see cref="IEventReader.ReadStreamAsync"/>.</summary>
public static class StreamPosition
{
    /// <summary>The first event of a stream.</summary>
    public const long Start = 0;

    /// <summary>Past the last event of a stream: read backwards from here to start at the last event.</summary>
    public const long End = long.MaxValue;
}
