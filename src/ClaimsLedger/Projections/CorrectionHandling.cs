namespace ClaimsLedger.Projections;

/// <summary>What a live projection does when a correction is recorded after it has already folded the statement.</summary>
public enum CorrectionHandling
{
    /// <summary>Rebuild the state from scratch, so it always equals a fresh run (the default).</summary>
    Rebuild = 0,

    /// <summary>Hand the correction entry to the projection, which adjusts its state itself.</summary>
    Deliver = 1,
}
