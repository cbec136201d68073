namespace ClaimsLedger.Storage;

/// <summary>Which way a read walks a stream or the global order.</summary>
public enum ReadDirection
{
    /// <summary>Oldest first.</summary>
    Forwards = 0,

    /// <summary>Newest first.</summary>
    Backwards = 1,
}
