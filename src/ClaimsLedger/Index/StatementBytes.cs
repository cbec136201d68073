using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;
using ClaimsLedger.Events;

namespace ClaimsLedger.Index;

/// <summary>
/// A statement in a few dozen bytes instead of a record, an id string and a quote string (~200 bytes on the heap):
/// the form the <see cref="StatementTable"/> keeps, decoded back into an equal record when a view or a check needs it.
/// </summary>
/// <remarks>
/// <para>Claim, actor and source ids (and the actors of a via-chain) are numbers into the table's <see cref="Names"/>,
/// so a decoded statement shares their strings. Statement ids are ASCII slugs, one byte a character; quotes and other
/// text are UTF-8. A saidAt of whole days (every precision but an instant) is written as day numbers.</para>
/// <para>Layout: kind; id (length, bytes); for a retraction or conclusion its target's number + 1 in the table (0 and
/// the target's id when the table has no such statement); claim, actor, source numbers; saidAt; quote; via; then what
/// the kind adds (certainty; reaction; evidence, description, url; outcome, summary). Integers are 7-bit varints;
/// text is its byte length + 1 (0 for none) then the bytes.</para>
/// </remarks>
internal static class StatementBytes
{
    private const byte DaysForm = 0x80;

    /// <summary>Appends the bytes of <paramref name="statement"/>, to be added to <paramref name="table"/>.</summary>
    /// <exception cref="InvalidOperationException">A statement type the ledger does not record.</exception>
    public static void Write(Statement statement, StatementTable table, List<byte> output)
    {
        var names = table.Names;
        output.Add((byte)statement.Kind);
        var id = statement.Id.Value;
        output.Add((byte)id.Length);
        Ascii(output, id);

        // What a retraction withdraws or a conclusion concludes (no correction changes either), by its number in the
        // table, right after the id: an evaluation reads it from here for the few statements of these kinds.
        if (statement is StatementRetracted or InvestigationConcluded)
        {
            var target = statement is StatementRetracted retraction
                ? retraction.Target
                : ((InvestigationConcluded)statement).Investigation;
            if (table.TryGetValue(target, out var entry))
            {
                Varint(output, (uint)entry.Number + 1);
            }
            else
            {
                output.Add(0);
                output.Add((byte)target.Value.Length);
                Ascii(output, target.Value);
            }
        }

        Varint(output, (uint)names.Claims.NumberOf(statement.Claim));
        Varint(output, (uint)names.Actors.NumberOf(statement.Actor));
        Varint(output, (uint)names.Sources.NumberOf(statement.Source));
        Said(output, statement.SaidAt);
        Text(output, statement.Quote);
        Varint(output, (uint)statement.Via.Count);
        foreach (var via in statement.Via)
        {
            Varint(output, (uint)names.Actors.NumberOf(via));
        }

        switch (statement)
        {
            case StanceStatement stance:
                Varint(output, (uint)stance.Certainty);
                break;
            case StatementRetracted:
                break;
            case ReactionExpressed reaction:
                Varint(output, (uint)reaction.Reaction);
                break;
            case EvidencePresented evidence:
                Varint(output, (uint)evidence.Evidence);
                Text(output, evidence.Description);
                Text(output, evidence.Url?.OriginalString);
                break;
            case InvestigationConcluded conclusion:
                Varint(output, (uint)conclusion.Finding.Outcome);
                Text(output, conclusion.Finding.Summary);
                break;
            case InvestigationOpened:
                break;
            default:
                throw new InvalidOperationException(
                    $"statement '{statement.Id}' is a {statement.GetType().Name}, which the ledger does not record");
        }
    }

    /// <summary>The statement id at the start of a statement's bytes.</summary>
    public static ReadOnlySpan<byte> Id(ReadOnlySpan<byte> bytes) => bytes.Slice(2, bytes[1]);

    /// <summary>The number of the statement a retraction withdraws or a conclusion concludes; -1 for other kinds, or
    /// when the table held no such statement when this one was added.</summary>
    public static int TargetNumber(ReadOnlySpan<byte> bytes)
    {
        if ((StatementKind)bytes[0] is not (StatementKind.Retraction or StatementKind.InvestigationConcluded))
        {
            return -1;
        }

        var reader = new Reader(bytes, 2 + bytes[1]);
        return (int)reader.Varint() - 1;
    }

    /// <summary>
    /// Walks a statement's bytes as <see cref="ReadParts"/> reads them, without building anything, and says whether
    /// every part is within them and every number names something in <paramref name="table"/>: how an index image's
    /// statements are checked on load (a million in milliseconds, where decoding them took half a second).
    /// </summary>
    // Compiled optimised at once, as ClaimEntry.ReadImage is (why is there).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static bool TryCheck(ReadOnlySpan<byte> bytes, StatementTable table, out Checked found)
    {
        found = default;
        try
        {
            var names = table.Names;
            var reader = new Reader(bytes);
            var kind = (StatementKind)reader.Byte();
            if (kind is < StatementKind.Assertion or > StatementKind.Evidence || !reader.SkipAscii())
            {
                return false;
            }

            var target = -1;
            if (kind is StatementKind.Retraction or StatementKind.InvestigationConcluded)
            {
                target = (int)reader.Varint() - 1;
                if ((target < 0 && !reader.SkipAscii()) || target >= table.Count)
                {
                    return false;
                }
            }

            var claim = reader.Varint();
            var actor = reader.Varint();
            var source = reader.Varint();
            var said = reader.Said();
            var fits = claim < (ulong)names.Claims.Count && actor < (ulong)names.Actors.Count
                       && source < (ulong)names.Sources.Count && reader.SkipText();
            for (var via = reader.Varint(); fits && via > 0; via--)
            {
                fits = reader.Varint() < (ulong)names.Actors.Count;
            }

            fits = fits && kind switch
            {
                StatementKind.Assertion or StatementKind.Denial or StatementKind.Reaction => reader.SkipVarint(),
                StatementKind.Evidence => reader.SkipVarint() && reader.SkipText()
                                          && (reader.Text() is not { } url || Uri.TryCreate(url, UriKind.RelativeOrAbsolute, out _)),
                StatementKind.InvestigationConcluded => reader.SkipVarint() && reader.SkipText(),
                _ => true,
            };
            found = new Checked(kind, (int)claim, (int)actor, said, target);
            return fits;
        }
        catch (Exception e) when (e is IndexOutOfRangeException or ArgumentOutOfRangeException)
        {
            return false;
        }
    }

    /// <summary>What <see cref="TryCheck"/> found in a statement's bytes.</summary>
    public readonly record struct Checked(StatementKind Kind, int Claim, int Actor, SaidAt SaidAt, int Target);

    /// <summary>The number of the statement's source in the table's <see cref="Names"/>.</summary>
    public static int SourceNumber(ReadOnlySpan<byte> bytes)
    {
        var reader = new Reader(bytes, 2 + bytes[1]);
        reader.SkipTarget((StatementKind)bytes[0]);
        reader.Varint();
        reader.Varint();
        return (int)reader.Varint();
    }

    /// <summary>The statement whose bytes start <paramref name="bytes"/>: a record equal to the one written.</summary>
    public static Statement Read(ReadOnlySpan<byte> bytes, StatementTable table) => ReadParts(bytes, table).ToStatement();

    /// <summary>The parts of the statement whose bytes start <paramref name="bytes"/>, without building its record.</summary>
    public static StatementParts ReadParts(ReadOnlySpan<byte> bytes, StatementTable table)
    {
        var names = table.Names;
        var reader = new Reader(bytes);
        var kind = (StatementKind)reader.Byte();
        var id = StatementId.Trusted(reader.Ascii());
        var target = default(StatementId);
        if (kind is StatementKind.Retraction or StatementKind.InvestigationConcluded)
        {
            var number = (int)reader.Varint() - 1;
            target = number >= 0 ? table.IdOf(number) : StatementId.Trusted(reader.Ascii());
        }

        var claim = names.Claims[(int)reader.Varint()];
        var actor = names.Actors[(int)reader.Varint()];
        var sourceNumber = (int)reader.Varint();
        var source = names.Sources[sourceNumber];
        var said = reader.Said();
        var quote = reader.Text();
        var viaCount = (int)reader.Varint();
        var via = ValueList<ActorId>.Empty;
        if (viaCount > 0)
        {
            var actors = new ActorId[viaCount];
            for (var i = 0; i < actors.Length; i++)
            {
                actors[i] = names.Actors[(int)reader.Varint()];
            }

            via = ValueList<ActorId>.Wrap(actors);
        }

        var parts = new StatementParts(kind, id, claim, actor, said, source, quote, via)
        {
            Target = target,
            SourceNumber = sourceNumber,
        };
        switch (kind)
        {
            case StatementKind.Assertion or StatementKind.Denial:
                parts.Certainty = (Certainty)reader.Varint();
                break;
            case StatementKind.Retraction:
                break;
            case StatementKind.Reaction:
                parts.Reaction = (ReactionKind)reader.Varint();
                break;
            case StatementKind.Evidence:
                parts.Evidence = (EvidenceKind)reader.Varint();
                parts.Description = reader.Text();
                parts.Url = reader.Text() is { } url ? new Uri(url, UriKind.RelativeOrAbsolute) : null;
                break;
            case StatementKind.InvestigationConcluded:
                parts.Finding = new Finding((FindingOutcome)reader.Varint()) { Summary = reader.Text() };
                break;
            case StatementKind.InvestigationOpened:
                break;
            default:
                throw new InvalidOperationException($"statement bytes of unknown kind {(int)kind}");
        }

        return parts;
    }

    private static void Said(List<byte> output, SaidAt said)
    {
        var start = said.StartTicks;
        var end = said.EndTicks;
        if (start % TimeSpan.TicksPerDay == 0 && end % TimeSpan.TicksPerDay == 0 && end > start)
        {
            output.Add((byte)((byte)said.Precision | DaysForm));
            Varint(output, (ulong)(start / TimeSpan.TicksPerDay));
            Varint(output, (ulong)((end - start) / TimeSpan.TicksPerDay));
        }
        else
        {
            output.Add((byte)said.Precision);
            Varint(output, (ulong)start);
            Varint(output, (ulong)(end - start));
        }
    }

    private static void Ascii(List<byte> output, string text)
    {
        foreach (var c in text)
        {
            output.Add((byte)c);
        }
    }

    private static void Text(List<byte> output, string? text)
    {
        if (text is null)
        {
            output.Add(0);
            return;
        }

        var length = Encoding.UTF8.GetByteCount(text);
        Varint(output, (ulong)length + 1);
        var at = output.Count;
        CollectionsMarshal.SetCount(output, at + length);
        Encoding.UTF8.GetBytes(text, CollectionsMarshal.AsSpan(output)[at..]);
    }

    private static void Varint(List<byte> output, ulong value)
    {
        while (value >= 0x80)
        {
            output.Add((byte)(value | 0x80));
            value >>= 7;
        }

        output.Add((byte)value);
    }

    private ref struct Reader(ReadOnlySpan<byte> bytes, int at = 0)
    {
        private readonly ReadOnlySpan<byte> _bytes = bytes;
        private int _at = at;

        /// <summary>Reads past a retraction's or conclusion's target, where the reader is at it.</summary>
        public void SkipTarget(StatementKind kind)
        {
            if (kind is StatementKind.Retraction or StatementKind.InvestigationConcluded && Varint() == 0)
            {
                _at += 1 + _bytes[_at];
            }
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public byte Byte() => _bytes[_at++];

        public bool SkipVarint()
        {
            Varint();
            return true;
        }

        public bool SkipAscii()
        {
            var length = _bytes[_at++];
            _at += length;
            return length > 0 && _at <= _bytes.Length;
        }

        public bool SkipText()
        {
            var length = Varint();
            if (length > (ulong)(_bytes.Length - _at + 1))
            {
                return false;
            }

            _at += length == 0 ? 0 : (int)length - 1;
            return true;
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public ulong Varint()
        {
            ulong value = 0;
            var shift = 0;
            byte b;
            do
            {
                b = _bytes[_at++];
                value |= (ulong)(b & 0x7F) << shift;
                shift += 7;
            }
            while (b >= 0x80);

            return value;
        }

        public string Ascii()
        {
            var length = _bytes[_at++];
            var text = Encoding.ASCII.GetString(_bytes.Slice(_at, length));
            _at += length;
            return text;
        }

        public string? Text()
        {
            var length = (int)Varint();
            if (length == 0)
            {
                return null;
            }

            var text = Encoding.UTF8.GetString(_bytes.Slice(_at, length - 1));
            _at += length - 1;
            return text;
        }

        public SaidAt Said()
        {
            var form = Byte();
            var precision = (SaidAtPrecision)(form & ~DaysForm);
            var start = (long)Varint();
            var length = (long)Varint();
            return (form & DaysForm) != 0
                ? SaidAt.FromTicks(precision, start * TimeSpan.TicksPerDay, (start + length) * TimeSpan.TicksPerDay)
                : SaidAt.FromTicks(precision, start, start + length);
        }
    }
}

/// <summary>The claim, actor and source ids a <see cref="StatementTable"/> refers to by number.</summary>
internal sealed class Names
{
    public Numbering<ClaimId> Claims { get; } = new();

    public Numbering<ActorId> Actors { get; } = new();

    public Numbering<SourceId> Sources { get; } = new();
}

/// <summary>Ids numbered in the order first seen; each id keeps its first instance, whose string decoded records share.</summary>
internal sealed class Numbering<T>
    where T : struct, IEquatable<T>
{
    private readonly Dictionary<T, int> _numbers = [];
    private readonly List<T> _ids = [];

    // The last id numbered: statements come in runs naming the same claim, actor and source.
    private T _last;
    private int _lastNumber = -1;

    public int Count => _ids.Count;

    public T this[int number] => _ids[number];

    /// <summary>True when <paramref name="number"/> is the number of <paramref name="id"/>.</summary>
    public bool IsNumberOf(int number, T id) => (uint)number < (uint)_ids.Count && _ids[number].Equals(id);

    /// <summary>The number of <paramref name="id"/>, or -1 when it has none, without numbering it.</summary>
    public int Find(T id) =>
        _lastNumber >= 0 && _last.Equals(id) ? _lastNumber : _numbers.GetValueOrDefault(id, -1);

    public int NumberOf(T id)
    {
        if (_lastNumber >= 0 && _last.Equals(id))
        {
            return _lastNumber;
        }

        ref var number = ref CollectionsMarshal.GetValueRefOrAddDefault(_numbers, id, out var known);
        if (!known)
        {
            number = _ids.Count;
            _ids.Add(id);
        }

        _last = id;
        _lastNumber = number;
        return number;
    }
}
