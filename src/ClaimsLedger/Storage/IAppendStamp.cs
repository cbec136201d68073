namespace ClaimsLedger.Storage;

/// <summary>
/// A store that can tell cheaply, without reading events, whether anything was committed since an earlier look: a
/// ledger on it skips the catch-up query before a view when the stamp has not moved.
/// </summary>
internal interface IAppendStamp
{
    /// <summary>
    /// A value that differs from every earlier one once any writer — in this process or another — has committed
    /// since; null when the store cannot tell right now (the ledger then catches up as usual).
    /// </summary>
    long? ReadAppendStamp();

    /// <summary>
    /// True when the stamp can trail another process's commit (it moves when a notification arrives, not at the
    /// commit): the ledger then reads the store before trusting a stale-looking index to refuse a batch.
    /// </summary>
    bool StampMayTrail => false;
}
