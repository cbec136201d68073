using ClaimsLedger.Storage;

namespace ClaimsLedger.EventStoreDb.Writing;

/// <summary>
/// The error of a multi-stream append that failed after some of its streams were written (EventStoreDB has no
/// transaction across streams): the same error type, its message saying which streams the append already wrote.
/// </summary>
internal static class PartialAppend
{
    /// <summary>How the store's append errors end when the append wrote nothing.</summary>
    public const string NothingWritten = "nothing was written";

    /// <summary>
    /// <paramref name="error"/> again, of the same type, naming <paramref name="written"/>; an error of a type this
    /// store does not raise itself is returned unchanged.
    /// </summary>
    public static Exception Name(LedgerStoreException error, IReadOnlyList<StreamName> written)
    {
        var already = $"the same append already wrote {string.Join(", ", written.Select(s => $"'{s}'"))} " +
                      "(EventStoreDB appends stream by stream: those stay written, and retrying the append with the " +
                      "same events records the rest)";
        var notHere = $"{NothingWritten} to it, but {already}";
        return error switch
        {
            WrongExpectedVersionException conflict =>
                new WrongExpectedVersionException(conflict.Stream, conflict.Expected, conflict.Actual, notHere),
            AppendTooLargeException tooLarge => new AppendTooLargeException(Reword(tooLarge.Message, notHere), tooLarge.Stream,
                tooLarge.Limit, tooLarge),
            StreamDeletedException deleted => deleted.Reworded(Reword(deleted.ForAppend().Message, notHere)),
            NotLeaderException notLeader => new NotLeaderException(notLeader.Where, notLeader.LeaderHost,
                notLeader.LeaderPort, Reword(notLeader.Message, $"{NothingWritten} by this call, but {already}"), notLeader),
            StoreUnavailableException unavailable => new StoreUnavailableException($"{unavailable.Message}; {already}", unavailable),
            _ when error.GetType() == typeof(LedgerStoreException) => new LedgerStoreException($"{error.Message}; {already}", error),
            _ => error,
        };
    }

    private static string Reword(string message, string outcome) => message.EndsWith(NothingWritten, StringComparison.Ordinal)
        ? message[..^NothingWritten.Length] + outcome
        : $"{message}; {outcome}";
}
