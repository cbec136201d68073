using System.Globalization;
using ClaimsLedger.Ids;
using Newtonsoft.Json.Linq;

namespace ClaimsLedger.Interchange;

/// <summary>
/// Reads the fields of one JSON line, recording an error naming the field for every missing, malformed or unknown
/// one, so that a line reports all its problems at once.
/// </summary>
internal sealed class LineReader(JObject json, long line, List<InterchangeError> errors, string prefix = "")
{
    private readonly HashSet<string> _read = new(StringComparer.Ordinal);

    public long Line => line;

    /// <summary>Errors recorded so far for the whole line (nested readers share the list).</summary>
    public int ErrorCount => errors.Count;

    public bool Has(string name) => json.ContainsKey(name);

    /// <summary>A reader for a nested object, reporting its fields as <c>name.field</c>.</summary>
    public LineReader Nested(JObject nested, string name) => new(nested, line, errors, $"{prefix}{name}.");

    public void Error(string field, string message) => errors.Add(new InterchangeError(line, prefix + field, message));

    public string? Text(string name, bool required)
    {
        if (Token(name, required) is not { } token)
        {
            return null;
        }

        if (token.Type != JTokenType.String)
        {
            Error(name, $"expected a string, found {Describe(token)}");
            return null;
        }

        var text = (string)token!;
        if (string.IsNullOrWhiteSpace(text))
        {
            Error(name, "must not be blank");
            return null;
        }

        return text;
    }

    public T Id<T>(string name, string kind, Func<string, T> create, bool required = true)
        where T : struct
    {
        var text = Text(name, required);
        if (text is null)
        {
            return default;
        }

        if (!Slug.IsValid(text))
        {
            Error(name, $"'{text}' is not a valid {kind} id: {Slug.Rule}");
            return default;
        }

        return create(text);
    }

    public SaidAt? SaidAt(string name, bool required)
    {
        var text = Text(name, required);
        if (text is null)
        {
            return null;
        }

        if (ClaimsLedger.SaidAt.TryParse(text, out var value, out var reason))
        {
            return value;
        }

        Error(name, $"'{text}' is not a valid date: {reason}");
        return null;
    }

    public T? Enum<T>(string name, bool required)
        where T : struct, Enum
    {
        var text = Text(name, required);
        if (text is null)
        {
            return null;
        }

        if (Kebab.TryParse<T>(text, out var value))
        {
            return value;
        }

        Error(name, $"'{text}' is not one of: {Kebab.Choices<T>()}");
        return null;
    }

    public bool Bool(string name)
    {
        if (Token(name, required: false) is not { } token)
        {
            return false;
        }

        if (token.Type == JTokenType.Boolean)
        {
            return (bool)token;
        }

        Error(name, $"expected true or false, found {Describe(token)}");
        return false;
    }

    public IReadOnlyList<ActorId>? ActorIds(string name)
    {
        if (Token(name, required: false) is not { } token)
        {
            return null;
        }

        if (token is not JArray array)
        {
            Error(name, $"expected a list of actor ids, found {Describe(token)}");
            return null;
        }

        var ids = new List<ActorId>();
        for (var i = 0; i < array.Count; i++)
        {
            if (array[i].Type == JTokenType.String && Slug.IsValid((string?)array[i]))
            {
                ids.Add(new ActorId((string)array[i]!));
            }
            else
            {
                Error($"{name}[{i}]", $"{Describe(array[i])} is not a valid actor id: {Slug.Rule}");
            }
        }

        return ids;
    }

    public IReadOnlyList<string> Tags(string name)
    {
        if (Token(name, required: false) is not { } token)
        {
            return [];
        }

        if (token is not JArray array || array.Any(t => t.Type != JTokenType.String))
        {
            Error(name, $"expected a list of tags, found {Describe(token)}");
            return [];
        }

        return [.. array.Select(t => (string)t!)];
    }

    public Uri? Url(string name)
    {
        var text = Text(name, required: false);
        if (text is null)
        {
            return null;
        }

        if (Uri.TryCreate(text, UriKind.Absolute, out var url) && (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps))
        {
            return url;
        }

        Error(name, $"'{text}' is not an absolute http or https URL");
        return null;
    }

    public DateTimeOffset? Instant(string name, bool required)
    {
        var text = Text(name, required);
        if (text is null)
        {
            return null;
        }

        if (DateTimeOffset.TryParseExact(text, ["yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'"], CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var instant))
        {
            return new DateTimeOffset(instant.UtcDateTime, TimeSpan.Zero);
        }

        Error(name, $"'{text}' is not a UTC instant such as 2023-05-26T12:00:00Z");
        return null;
    }

    /// <summary>An instant exactly as the canonical form writes it: UTC, seven fraction digits, <c>Z</c>.</summary>
    public DateTimeOffset? CanonicalInstant(string name)
    {
        var text = Text(name, required: true);
        if (text is null)
        {
            return null;
        }

        if (DateTimeOffset.TryParseExact(text, "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var instant))
        {
            return new DateTimeOffset(instant.UtcDateTime, TimeSpan.Zero);
        }

        Error(name, $"'{text}' is not a recordedAt in the canonical form, e.g. 2023-05-26T12:00:00.0000000Z (seven fraction digits)");
        return null;
    }

    public JObject? Object(string name, bool required)
    {
        if (Token(name, required) is not { } token)
        {
            return null;
        }

        if (token is JObject obj)
        {
            return obj;
        }

        Error(name, $"expected an object, found {Describe(token)}");
        return null;
    }

    public long? Integer(string name, long minimum)
    {
        if (Token(name, required: true) is not { } token)
        {
            return null;
        }

        if (token.Type != JTokenType.Integer || (long)token < minimum)
        {
            Error(name, $"expected a whole number of at least {minimum}, found {Describe(token)}");
            return null;
        }

        return (long)token;
    }

    public Guid? Uuid(string name)
    {
        var text = Text(name, required: true);
        if (text is null)
        {
            return null;
        }

        if (System.Guid.TryParseExact(text, "D", out var id))
        {
            return id;
        }

        Error(name, $"'{text}' is not a UUID such as 0f8fad5b-d9cb-469f-a165-70867728950e");
        return null;
    }

    /// <summary>Base64 bytes; an absent field is empty when not required.</summary>
    public byte[]? Base64(string name, bool required)
    {
        if (Token(name, required) is not { } token)
        {
            return required ? null : [];
        }

        if (token.Type == JTokenType.String)
        {
            try
            {
                return Convert.FromBase64String((string)token!);
            }
            catch (FormatException)
            {
            }
        }

        Error(name, $"expected base64 bytes, found {Describe(token)}");
        return null;
    }

    public Storage.StreamName? Stream(string name)
    {
        var text = Text(name, required: true);
        if (text is null)
        {
            return null;
        }

        try
        {
            return new Storage.StreamName(text);
        }
        catch (ArgumentException e)
        {
            Error(name, e.Message);
            return null;
        }
    }

    /// <summary>A SHA-256 hash as 64 lowercase hex digits.</summary>
    public string? HashHex(string name)
    {
        var text = Text(name, required: false);
        if (text is null)
        {
            return null;
        }

        if (text.Length == 64 && text.All(c => char.IsAsciiDigit(c) || c is >= 'a' and <= 'f'))
        {
            return text;
        }

        Error(name, $"'{text}' is not a SHA-256 hash in 64 lowercase hex digits");
        return null;
    }

    /// <summary>The raw token of a field that may be null on purpose (a quote removed by an amendment).</summary>
    public JToken? Raw(string name) => Token(name, required: false);

    /// <summary>Reports every field of the line that was never read as unknown for this kind of line.</summary>
    public void RejectUnread(string what)
    {
        foreach (var property in json.Properties().Where(p => !_read.Contains(p.Name)))
        {
            Error(property.Name, $"unknown field for {what}");
        }
    }

    /// <summary>Reports a field that is present but does not belong to this kind of line.</summary>
    public void Forbid(string name, string reason)
    {
        if (json.ContainsKey(name))
        {
            _read.Add(name);
            Error(name, reason);
        }
    }

    private JToken? Token(string name, bool required)
    {
        _read.Add(name);
        if (json.TryGetValue(name, StringComparison.Ordinal, out var token) && token.Type != JTokenType.Null)
        {
            return token;
        }

        if (required)
        {
            Error(name, "is required");
        }

        return null;
    }

    private static string Describe(JToken token) => token.Type switch
    {
        JTokenType.String => $"'{token}'",
        JTokenType.Null => "null",
        JTokenType.Object => "an object",
        JTokenType.Array => "a list",
        _ => token.ToString(Newtonsoft.Json.Formatting.None),
    };
}
