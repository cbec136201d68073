namespace ClaimsLedger.Cli;

/// <summary>The claim or actor asked for is not in the ledger (as of the requested recorded time).</summary>
internal sealed class NotFoundException(string message) : Exception(message);
