namespace ClaimsLedger;

/// <summary>
/// A board read claim by claim (<see cref="Ledger.ReadBoardAsync"/>) could not stay one board: while it ran, events
/// were appended with the very recordedAt the ledger had last recorded when it began, and its R was at or after that
/// instant, so the claims read after them would count them and those read before would not. Read the board again.
/// </summary>
/// <remarks>
/// Only a clock that stood still or went back gives two appends one recordedAt (the stores keep recordedAt from
/// going back: several PostgreSQL writers with skewed clocks, or a test's fake clock). Appends recorded later than
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
