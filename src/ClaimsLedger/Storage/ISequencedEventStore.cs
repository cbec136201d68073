namespace ClaimsLedger.Storage;

/// <summary>
/// A store whose global positions are the gap-free sequence 1, 2, 3, … (commit = prepare = sequence), numbered in the
/// order of an append's parts and events. A ledger writing to one can fold its own appended events into its index
/// from the append's results instead of reading them back, when no other writer came in between.
/// </summary>
internal interface ISequencedEventStore;
