using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace ClaimsLedger.Serialization;

/// <summary>
/// Turns the UTF-8 bytes of an id into its string, sharing one string per claim, actor and source id between the
/// events decoded in this process.
/// </summary>
/// <remarks>
/// <para>The index keeps every decoded event alive: without sharing, each of a million statements holds its own copy
/// of the same few thousand claim, actor and source ids (about 140 bytes a statement), and every copy is one more
/// object the collector moves while the index grows.</para>
/// <para>The table is a fixed-size, four-way set-associative cache rather than a dictionary so that it stays
/// bounded (at most <see cref="Capacity"/> strings, a few MB with their text) whatever the ledger holds, and needs
/// no lock and no eviction pass: a miss replaces the oldest entry of its set. A ledger with more hot ids than the
/// table holds only loses sharing for some of them, never correctness: an entry is used only when its text equals
/// the bytes, and concurrent writers can at worst overwrite each other's entries.</para>
/// </remarks>
internal sealed class IdStrings
{
    /// <summary>How many strings a table holds at most.</summary>
    public const int Capacity = Ways << SetBits;

    // 16,384 sets of 4 (65,536 strings, a 512 KB array): the 12,500 claim, actor and source ids of a 1M-statement
    // ledger fill it to a fifth, where about 0.2 % of lookups miss once every id has been seen (1.7 % with half as many
    // sets, 2 % with as many entries in two ways; a random-hash simulation).
    private const int SetBits = 14;
    private const int Ways = 4;

    private static readonly SearchValues<byte> SlugBytes =
        SearchValues.Create("abcdefghijklmnopqrstuvwxyz0123456789-_."u8);

    private readonly string?[] _table = new string?[Capacity];

    /// <summary>The table the decoder uses, shared by every ledger in the process.</summary>
    public static IdStrings Process { get; } = new();

    /// <summary>The id as a string shared with earlier calls for the same bytes; null when the bytes are not a
    /// valid id (see <see cref="Ids.Slug"/>).</summary>
    public string? Shared(ReadOnlySpan<byte> utf8)
    {
        if (utf8.IsEmpty || utf8.Length > Ids.Slug.MaxLength)
        {
            return null;
        }

        var set = _table.AsSpan(Set(utf8), Ways);
        for (var way = 0; way < Ways; way++)
        {
            var entry = Volatile.Read(ref set[way]);
            if (entry is null)
            {
                break;
            }

            if (entry.Length == utf8.Length && Ascii.Equals(utf8, entry))
            {
                return entry;
            }
        }

        var created = Create(utf8);
        if (created is not null)
        {
            set[..^1].CopyTo(set[1..]);
            Volatile.Write(ref set[0], created);
        }

        return created;
    }

    /// <summary>
    /// The string this table shares for <paramref name="id"/>, or <paramref name="id"/> itself, which the table then
    /// shares: so that events built by an application hold the same id strings as decoded ones.
    /// </summary>
    /// <param name="id">A valid id (a slug, so ASCII); anything else is returned as it is.</param>
    public string Shared(string id)
    {
        Span<byte> utf8 = stackalloc byte[Ids.Slug.MaxLength];
        if (id.Length == 0 || id.Length > Ids.Slug.MaxLength
            || Ascii.FromUtf16(id, utf8, out var written) != OperationStatus.Done)
        {
            return id;
        }

        var set = _table.AsSpan(Set(utf8[..written]), Ways);
        for (var way = 0; way < Ways; way++)
        {
            var entry = Volatile.Read(ref set[way]);
            if (entry is null)
            {
                break;
            }

            if (string.Equals(entry, id, StringComparison.Ordinal))
            {
                return entry;
            }
        }

        set[..^1].CopyTo(set[1..]);
        Volatile.Write(ref set[0], id);
        return id;
    }

    /// <summary>A new string for an id that is not worth sharing (a statement's own id is unique); null when the
    /// bytes are not a valid id.</summary>
    public static string? Create(ReadOnlySpan<byte> utf8) =>
        IsSlug(utf8) ? Encoding.ASCII.GetString(utf8) : null;

    /// <summary>The same rule as <see cref="Ids.Slug.IsValid"/>, on UTF-8 bytes: a valid id is ASCII, so its bytes
    /// are its characters.</summary>
    public static bool IsSlug(ReadOnlySpan<byte> utf8) =>
        !utf8.IsEmpty && utf8.Length <= Ids.Slug.MaxLength
        && IsAlphanumeric(utf8[0]) && IsAlphanumeric(utf8[^1])
        && !utf8.ContainsAnyExcept(SlugBytes);

    private static bool IsAlphanumeric(byte b) => b is (>= (byte)'a' and <= (byte)'z') or (>= (byte)'0' and <= (byte)'9');

    private static int Set(ReadOnlySpan<byte> utf8)
    {
        // Ids of one kind share long prefixes ("claim-000042") and differ at the end, so the last eight bytes always
        // go in (overlapping the first eight in short ids), and the final multiplication mixes every bit into the top
        // bits that pick the set.
        const ulong Multiplier = 0x9E3779B97F4A7C15;
        ulong hash = 0;
        if (utf8.Length >= sizeof(ulong))
        {
            hash = BinaryPrimitives.ReadUInt64LittleEndian(utf8);
            for (var i = sizeof(ulong); i < utf8.Length - sizeof(ulong); i += sizeof(ulong))
            {
                hash = (hash * Multiplier) ^ BinaryPrimitives.ReadUInt64LittleEndian(utf8[i..]);
            }

            hash = (hash * Multiplier) ^ BinaryPrimitives.ReadUInt64LittleEndian(utf8[^sizeof(ulong)..]);
        }
        else
        {
            foreach (var b in utf8)
            {
                hash = (hash << 8) | b;
            }
        }

        hash = (hash ^ (ulong)utf8.Length) * Multiplier;
        return (int)(hash >> (64 - SetBits)) * Ways;
    }
}
