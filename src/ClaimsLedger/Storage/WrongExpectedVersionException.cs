namespace ClaimsLedger.Storage;

/// <summary>An append found a stream at another version than expected (someone else wrote first); nothing was written.</summary>
public sealed class WrongExpectedVersionException : LedgerStoreException
{
    /// <summary>Creates the exception for one stream.</summary>
    public WrongExpectedVersionException(StreamName stream, ExpectedVersion expected, long? actual)
        : this(stream, expected, actual, "nothing was written")
    {
    }

    /// <summary>
    /// Creates the exception for one stream of an append that was not atomic across streams, saying what was written
    /// (e.g. "streams 'source:a' and 'actor:b' of the same append were written; nothing was written to this one").
    /// </summary>
    public WrongExpectedVersionException(StreamName stream, ExpectedVersion expected, long? actual, string outcome)
        : base($"stream '{stream}' was expected at {expected} but is at " +
               (actual is { } revision ? $"revision {revision}" : "no stream") + "; " + outcome)
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
