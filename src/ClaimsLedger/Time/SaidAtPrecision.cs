namespace ClaimsLedger;

/// <summary>How precisely a statement's time is known.</summary>
public enum SaidAtPrecision
{
    /// <summary>An exact instant (to the minute or finer): the interval is empty, end = start.</summary>
    Instant = 1,

    /// <summary>A whole UTC day, e.g. <c>2023-05-22</c>.</summary>
    Day,

    /// <summary>A whole month, e.g. <c>2023-02</c> ("in February").</summary>
    Month,

    /// <summary>A whole year, e.g. <c>2023</c>.</summary>
    Year,

    /// <summary>An explicit range of whole days, e.g. <c>2023-05-22/2023-05-26</c> ("this week").</summary>
    Range,
}
