namespace ClaimsLedger.Storage;

/// <summary>The name of an event stream, e.g. <c>claim:ukraine-involved</c>.</summary>
/// <remarks>
/// Any non-empty text without control characters, at most 512 characters, not starting with <c>$</c> (reserved
/// for system streams in EventStoreDB). Stores must keep names byte for byte, quotes and all.
/// </remarks>
public readonly record struct StreamName : IComparable<StreamName>
{
    /// <summary>Longest stream name accepted, in characters.</summary>
    public const int MaxLength = 512;

    private readonly string? _value;

    // For names a store reads back: they were validated when the events were appended, and checking every row
    // again is a measurable part of reading a million events.
    private StreamName(string value, bool trusted) => _value = value;

    /// <summary>A name read back from a store, which validated it when the event was appended.</summary>
    internal static StreamName Trusted(string value) => new(value, trusted: true);

    /// <summary>Creates a stream name after validating it.</summary>
    /// <exception cref="ArgumentException">Empty, too long, starts with <c>$</c>, has control characters or a lone
    /// surrogate (it could not be written as UTF-8, which the hash chain and the stores need).</exception>
    public StreamName(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.Length == 0 || value.Length > MaxLength)
        {
            throw new ArgumentException($"stream name must be 1-{MaxLength} characters, got {value.Length}", nameof(value));
        }

        if (value[0] == '$')
        {
            throw new ArgumentException($"stream name '{value}' starts with '$', which is reserved for system streams",
                nameof(value));
        }

        if (value.Any(char.IsControl))
        {
            throw new ArgumentException($"stream name '{value}' contains a control character", nameof(value));
        }

        if (!IsText(value))
        {
            throw new ArgumentException("stream name contains a lone surrogate, which is not text", nameof(value));
        }

        _value = value;
    }

    private static bool IsText(ReadOnlySpan<char> text)
    {
        while (!text.IsEmpty)
        {
            if (System.Text.Rune.DecodeFromUtf16(text, out _, out var consumed) != System.Buffers.OperationStatus.Done)
            {
                return false;
            }

            text = text[consumed..];
        }

        return true;
    }

    /// <summary>The name; empty for <c>default</c>.</summary>
    public string Value => _value ?? string.Empty;

    /// <summary>Converts a string to a stream name.</summary>
    public static implicit operator StreamName(string value) => new(value);

    /// <inheritdoc/>
    public int CompareTo(StreamName other) => string.CompareOrdinal(Value, other.Value);

    /// <inheritdoc/>
    public override string ToString() => Value;
}
