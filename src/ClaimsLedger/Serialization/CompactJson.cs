using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.Unicode;

namespace ClaimsLedger.Serialization;

/// <summary>
/// A forward-only reader for JSON exactly as <see cref="EventSerializer.Serialize(Events.LedgerEvent)"/> writes it: no white space, no
/// numbers, strings escaped only where JSON requires it. Anything else is a failed read, not an error: the caller
/// then leaves the payload to the Newtonsoft path.
/// </summary>
/// <remarks>
/// A general reader (<see cref="Utf8JsonReader"/>) spent more time on a statement than everything else its decoder
/// did (~250 of ~600 ns), validating and tracking state this fixed shape does not need. Strings with escapes are
/// rare (quotes with quotation marks or line breaks) and are unescaped by <see cref="Utf8JsonReader"/>, so that the
/// JSON escape rules have one implementation.
/// </remarks>
internal ref struct CompactJson(ReadOnlySpan<byte> json)
{
    /// <summary>What a string token holds, which decides how it becomes a <see cref="string"/>.</summary>
    public enum StringKind
    {
        /// <summary>Printable ASCII only: its bytes are its characters.</summary>
        Ascii,

        /// <summary>No escapes, but bytes beyond ASCII, to be checked as UTF-8.</summary>
        Utf8,

        /// <summary>At least one backslash escape.</summary>
        Escaped,
    }

    // The bytes that end the plain-ASCII scan of a string: its end, an escape, a control character (invalid in JSON)
    // and every byte of a multi-byte UTF-8 sequence.
    private static readonly SearchValues<byte> NotPlainAscii = SearchValues.Create(
        [.. Enumerable.Range(0, 0x20).Select(b => (byte)b), (byte)'"', (byte)'\\', .. Enumerable.Range(0x80, 0x80).Select(b => (byte)b)]);

    private static readonly SearchValues<byte> QuoteOrEscapeOrControl = SearchValues.Create(
        [.. Enumerable.Range(0, 0x20).Select(b => (byte)b), (byte)'"', (byte)'\\']);

    private readonly ReadOnlySpan<byte> _json = json;
    private int _position;

    /// <summary>True once every byte has been read.</summary>
    public readonly bool AtEnd => _position == _json.Length;

    /// <summary>Reads one structural byte (<c>{ } [ ] , :</c>) if it is next.</summary>
    public bool TrySkip(char token)
    {
        if ((uint)_position < (uint)_json.Length && _json[_position] == token)
        {
            _position++;
            return true;
        }

        return false;
    }

    /// <summary>Reads <c>true</c>, <c>false</c> or <c>null</c> if it is next.</summary>
    public bool TryLiteral(ReadOnlySpan<byte> literal)
    {
        if (_json[_position..].StartsWith(literal))
        {
            _position += literal.Length;
            return true;
        }

        return false;
    }

    /// <summary>Reads a property name (plain ASCII) and the colon after it.</summary>
    public bool TryName(out ReadOnlySpan<byte> name) =>
        TryString(out name, out var kind) && kind == StringKind.Ascii && TrySkip(':');

    /// <summary>Reads a string of plain ASCII, such as an id or an enum name, as its bytes.</summary>
    public bool TryAscii(out ReadOnlySpan<byte> value) => TryString(out value, out var kind) && kind == StringKind.Ascii;

    /// <summary>Reads a string token: its raw bytes between the quotation marks and what they hold.</summary>
    public bool TryString(out ReadOnlySpan<byte> raw, out StringKind kind)
    {
        raw = default;
        kind = StringKind.Ascii;
        if (!TrySkip('"'))
        {
            return false;
        }

        var start = _position;
        var rest = _json[start..];
        var end = rest.IndexOfAny(NotPlainAscii);
        while (end >= 0 && rest[end] != '"')
        {
            var b = rest[end];
            if (b < 0x20)
            {
                return false;
            }

            if (b == '\\')
            {
                // Any byte after a backslash is part of the escape; Utf8JsonReader checks it is a valid one.
                kind = StringKind.Escaped;
                if (end + 1 >= rest.Length)
                {
                    return false;
                }

                end += 2;
            }
            else
            {
                kind = kind == StringKind.Escaped ? kind : StringKind.Utf8;
                end++;
            }

            // The kind is known now; only the end of the string, escapes and control characters still matter.
            var next = rest[end..].IndexOfAny(QuoteOrEscapeOrControl);
            end = next < 0 ? -1 : end + next;
        }

        if (end < 0)
        {
            return false;
        }

        raw = rest[..end];
        _position = start + end + 1;
        return true;
    }

    /// <summary>Reads a string token as text; null when it is not one or not valid UTF-8 or JSON.</summary>
    /// <exception cref="JsonException">An invalid escape.</exception>
    /// <exception cref="InvalidOperationException">An escape of a lone surrogate.</exception>
    public bool TryText(out string? text)
    {
        text = TryString(out var raw, out var kind) ? Decode(raw, kind) : null;
        return text is not null;
    }

    /// <summary>The text of a string token read by <see cref="TryString"/>; null when it is not valid UTF-8.</summary>
    /// <exception cref="JsonException">An invalid escape.</exception>
    /// <exception cref="InvalidOperationException">An escape of a lone surrogate.</exception>
    public static string? Decode(ReadOnlySpan<byte> raw, StringKind kind) => kind switch
    {
        StringKind.Ascii => Encoding.ASCII.GetString(raw),
        // The Newtonsoft path would replace invalid bytes with U+FFFD; it stays the one to do so.
        StringKind.Utf8 => Utf8.IsValid(raw) ? Encoding.UTF8.GetString(raw) : null,
        _ => Unescape(raw),
    };

    private static string? Unescape(ReadOnlySpan<byte> raw)
    {
        var token = new byte[raw.Length + 2];
        token[0] = (byte)'"';
        raw.CopyTo(token.AsSpan(1));
        token[^1] = (byte)'"';
        var reader = new Utf8JsonReader(token);
        return reader.Read() && reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
    }
}
