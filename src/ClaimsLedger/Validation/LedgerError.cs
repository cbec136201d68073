namespace ClaimsLedger;

/// <summary>One rejected event of a batch: which one, which field, and why.</summary>
/// <param name="Index">0-based position of the event in the batch given to the ledger.</param>
/// <param name="Code">The kind of error.</param>
/// <param name="Subject">The event's own id (statement, claim, actor, source or correction id), when it has one.</param>
/// <param name="Field">The offending field, e.g. <c>actor</c> or <c>saidAt</c>.</param>
/// <param name="Message">What is wrong, naming the offending id or value.</param>
public sealed record LedgerError(int Index, LedgerErrorCode Code, string Subject, string Field, string Message)
{
    /// <inheritdoc/>
    public override string ToString() =>
        $"event {Index}{(Subject.Length > 0 ? $" ({Subject})" : string.Empty)}: {Field}: {Message}";
}
