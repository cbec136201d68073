namespace ClaimsLedger.Interchange;

/// <summary>An interchange file as read and parsed, before anything of it is checked against a ledger or written.</summary>
/// <param name="Lines">The lines that parsed, in file order.</param>
/// <param name="Count">Lines read (blank ones included).</param>
/// <param name="Errors">The bad lines found while reading.</param>
/// <param name="Truncated">True when reading stopped at the error limit.</param>
internal sealed record InterchangeFile(List<InterchangeLine> Lines, long Count, List<InterchangeError> Errors, bool Truncated)
{
    /// <summary>Notes, or an export (its first line carries a ledger object).</summary>
    public ImportMode Mode => Lines.Count > 0 && Lines[0].Exported is not null ? ImportMode.Export : ImportMode.Notes;
}
