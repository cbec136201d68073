namespace ClaimsLedger;

/// <summary>Which statements count as said by the said-time bound of an <see cref="AsOf"/>.</summary>
public enum SaidInclusion
{
    /// <summary>Only statements certainly said by T: their saidAt interval ends at or before T (the default).</summary>
    CertainlySaid = 0,

    /// <summary>Also statements possibly said by T: their saidAt interval starts at or before T.</summary>
    PossiblySaid = 1,
}
