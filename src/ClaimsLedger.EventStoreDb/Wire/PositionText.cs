using System.Globalization;
using ClaimsLedger.Storage;

namespace ClaimsLedger.EventStoreDb.Wire;

/// <summary>
/// A $all position as text, <c>commit/prepare</c> in decimal: the form the store writes into JSON (the envelope's
/// <c>ledgerHead</c>, the chain links), as a string because JSON numbers above 2^53 do not survive every reader.
/// </summary>
internal static class PositionText
{
    public static string Format(GlobalPosition position) =>
        string.Create(CultureInfo.InvariantCulture, $"{position.Commit}/{position.Prepare}");

    /// <exception cref="FormatException">Not two decimal numbers separated by a slash.</exception>
    public static GlobalPosition Parse(string text)
    {
        var slash = text.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0)
        {
            throw new FormatException($"'{text}' is not a position (commit/prepare)");
        }

        return new GlobalPosition(ulong.Parse(text.AsSpan(0, slash), NumberStyles.None, CultureInfo.InvariantCulture),
            ulong.Parse(text.AsSpan(slash + 1), NumberStyles.None, CultureInfo.InvariantCulture));
    }
}
