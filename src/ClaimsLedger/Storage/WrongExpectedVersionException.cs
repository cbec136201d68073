namespace ClaimsLedger.Storage;

/// <summary>An append found a stream at another version than expected (someone else wrote first); nothing was written.</summary>
public sealed class WrongExpectedVersionException : LedgerStoreException
{
    /// <summary>Creates the exception for one stream.</summary>
    public WrongExpectedVersionException(StreamName stream, ExpectedVersion expected, long? actual)
        : base($"stream '{stream}' was expected at {expected} but is at " +
               (actual is { } revision ? $"revision {revision}" : "no stream") + "; nothing was written")
    {
        Stream = stream;
        Expected = expected;
        Actual = actual;
    }

    /// <summary>The stream whose version did not match.</summary>
    public StreamName Stream { get; }

    /// <summary>What the writer expected.</summary>
    public ExpectedVersion Expected { get; }

    /// <summary>The stream's actual last revision (null when it does not exist).</summary>
    public long? Actual { get; }
}
