namespace ClaimsLedger;

/// <summary>
/// A board read claim by claim (<see cref="Ledger.ReadBoardAsync"/>) could not stay one board: while it ran, events
/// were appended with the very recordedAt the ledger had last recorded when it began, and its R was at or after that
/// instant, so the claims read after them would count them and those read before would not. Read the board again.
/// </summary>
/// <remarks>
/// Two appends get one recordedAt only when the ledger clock did not move between them: a clock that stood still or
/// went back (a test's fake clock), or a writer whose clock lags another's, which the store holds at the last
/// recordedAt (PostgreSQL with several writers) — then on every commit while it lags, so a long read during such
/// ingest may fail again; read as of an R before the last recordedAt to be safe from it. Appends recorded later than
/// that instant never cause it: they are after the board's R.
/// </remarks>
public sealed class LedgerChangedException : LedgerException
{
    internal LedgerChangedException(DateTimeOffset recordedAt)
        : base($"events recorded at {recordedAt:O}, the ledger's last recordedAt when the board was begun, were appended " +
            "while the board was read claim by claim, so its later claims would count them; read the board again")
    {
        RecordedAt = recordedAt;
    }

    /// <summary>The recordedAt that events folded before and after the read began share.</summary>
    public DateTimeOffset RecordedAt { get; }
}
