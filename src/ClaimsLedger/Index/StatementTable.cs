using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;
using ClaimsLedger.Events;

namespace ClaimsLedger.Index;

/// <summary>
/// Every recorded statement of the index, numbered in log order: each kept as a few dozen bytes (see
/// <see cref="StatementBytes"/>) in pages of bytes, with its own table from statement id to number.
/// </summary>
/// <remarks>
/// <para>A decoded record per statement with its id and quote strings held ~200 bytes and three objects per statement
/// for the collector to mark and promote; the bytes hold ~40 and no object. A record is decoded when a view or a
/// check asks for one (<see cref="StatementEntry.Original"/>); what an evaluation reads of every statement is in its
/// claim's row.</para>
/// <para>Ids are chained through the slots (each slot holds where its bytes are and the number of the next slot in
/// its bucket: 8 bytes), as <see cref="Dictionary{TKey,TValue}"/> chains its entries, without the key and value
/// copies or a stored hash: a chain is compared on the ids' bytes. What corrections and conclusions add is kept
/// aside: most statements never get any.</para>
/// <para>Pages are never moved once full, so growing a table of millions copies nothing; only the first page of each
/// kind grows up to full size, so a small ledger holds a small table.</para>
/// <para>Not thread-safe: the index's owner serialises writes and reads.</para>
/// </remarks>
internal sealed partial class StatementTable
{
    private const int PageBits = 14;
    private const int PageSize = 1 << PageBits;
    private const int PageMask = PageSize - 1;

    // Bytes are written in pages of 256 KB, addressed by a 31-bit location (page, offset): up to 8,192 pages, 2 GiB,
    // tens of millions of statements. A statement never spans two pages; one larger than a page is kept apart, its
    // location the high bit and its place in the list of large ones.
    private const int BytePageBits = 18;
    private const int BytePageSize = 1 << BytePageBits;
    private const int MaxBytePages = 1 << (31 - BytePageBits);
    private const uint Large = 0x8000_0000;

    private readonly List<byte> _scratch = new(256);
    private readonly Dictionary<int, StatementLater> _later = [];
    private readonly List<byte[]> _large = [];

    private Slot[][] _pages = [new Slot[16]];
    private byte[][] _bytePages = [new byte[1024]];
    private int _bytePage;
    private int _byteUsed;
    private int _count;

    // Number + 1 of the newest slot whose id hashes here, 0 for none; a power of two, at least the count.
    private int[] _buckets = new int[16];

    /// <summary>The claim, actor and source ids the statements' bytes refer to.</summary>
    public Names Names { get; } = new();

    /// <summary>Number of statements held.</summary>
    public int Count => _count;

    /// <summary>Bytes the statements take, for the memory figures and tests.</summary>
    internal long BytesUsed =>
        _bytePages.Take(_bytePage).Sum(p => (long)p.Length) + _byteUsed + _large.Sum(b => (long)b.Length);

    /// <summary>The statement with id <paramref name="id"/>.</summary>
    /// <exception cref="KeyNotFoundException">The index holds no such statement.</exception>
    public StatementEntry this[StatementId id] =>
        TryGetValue(id, out var entry) ? entry : throw new KeyNotFoundException($"statement '{id}' is not in the index");

    /// <summary>Makes room for about <paramref name="statements"/> statements before a load of known size.</summary>
    public void Reserve(int statements)
    {
        if (statements > _buckets.Length)
        {
            Rehash(statements);
        }
    }

    /// <summary>Finds the statement with id <paramref name="id"/>; the newest one should an id have been folded twice.</summary>
    public bool TryGetValue(StatementId id, out StatementEntry entry)
    {
        // Ids are ASCII slugs of at most 128 characters, so their bytes are their characters.
        Span<byte> text = stackalloc byte[Ids.Slug.MaxLength];
        var length = Encoding.ASCII.GetBytes(id.Value, text);
        text = text[..length];
        for (var next = _buckets[Hash(text) & (_buckets.Length - 1)]; next != 0;)
        {
            ref var slot = ref SlotOf(next - 1);
            if (StatementBytes.Id(BytesOf(slot.Bytes)).SequenceEqual(text))
            {
                entry = new StatementEntry(this, next - 1);
                return true;
            }

            next = slot.Next;
        }

        entry = default;
        return false;
    }

    /// <summary>Adds a statement under the next number.</summary>
    /// <exception cref="InvalidOperationException">The table holds as many statements or bytes as it can address.</exception>
    public StatementEntry Add(Statement statement)
    {
        if (_count == int.MaxValue)
        {
            throw new InvalidOperationException("the index holds as many statements as it can number");
        }

        var number = _count;
        var page = number >> PageBits;
        if (page == _pages.Length)
        {
            Array.Resize(ref _pages, _pages.Length * 2);
        }

        if (_pages[page] is null)
        {
            _pages[page] = new Slot[PageSize];
        }
        else if ((number & PageMask) == _pages[page].Length)
        {
            // Only the first page grows; the others are allocated whole.
            Array.Resize(ref _pages[page], Math.Min(PageSize, _pages[page].Length * 2));
        }

        if (number == _buckets.Length)
        {
            Rehash(number + 1);
        }

        var location = Store(statement);
        ref var slot = ref _pages[page][number & PageMask];
        ref var bucket = ref _buckets[Hash(StatementBytes.Id(BytesOf(location))) & (_buckets.Length - 1)];
        slot = new Slot { Bytes = location, Next = bucket };
        bucket = number + 1;
        _count++;
        return new StatementEntry(this, number);
    }

    /// <summary>The statement numbered <paramref name="number"/>, decoded: a new record equal to the one added.</summary>
    public Statement Read(int number) => StatementBytes.Read(BytesOf(SlotOf(number).Bytes), this);

    /// <summary>The id of statement <paramref name="number"/>.</summary>
    public StatementId IdOf(int number) =>
        StatementId.Trusted(Encoding.ASCII.GetString(StatementBytes.Id(BytesOf(SlotOf(number).Bytes))));

    /// <summary>Where the bytes of statement <paramref name="number"/> are, for <see cref="ReadPartsAt"/>.</summary>
    public uint LocationOf(int number) => SlotOf(number).Bytes;

    /// <summary>The parts of the statement whose bytes are at <paramref name="location"/>, without building its record.</summary>
    /// <remarks>A claim's row keeps the location, so a view of its statement does not visit the statement's slot first.</remarks>
    public StatementParts ReadPartsAt(uint location) => StatementBytes.ReadParts(BytesOf(location), this);

    /// <summary>Reads the first byte of the statement at <paramref name="location"/>, to bring it into the cache.</summary>
    public byte Touch(uint location) => BytesOf(location)[0];

    /// <summary>
    /// Reads statement <paramref name="number"/>'s slot and the first byte at <paramref name="location"/>, each only when
    /// it is inside the table: a load ahead of a check that is to read them (see <see cref="ClaimEntry"/>'s image
    /// reading), safe on numbers and locations not yet checked.
    /// </summary>
    public int TouchAhead(int number, uint location)
    {
        var touched = (uint)number < (uint)_count ? (int)SlotOf(number).Bytes : 0;
        if ((location & Large) == 0 && (location >> BytePageBits) < (uint)_bytePages.Length
            && _bytePages[location >> BytePageBits] is { } page && (location & (BytePageSize - 1)) < (uint)page.Length)
        {
            touched ^= page[location & (BytePageSize - 1)];
        }

        return touched;
    }

    /// <summary>The number of the statement the one at <paramref name="location"/> retracts or concludes, else -1.</summary>
    public int TargetAt(uint location) => StatementBytes.TargetNumber(BytesOf(location));

    /// <summary>Checks the bytes of the statement at <paramref name="location"/> (see <see cref="StatementBytes.TryCheck"/>).</summary>
    public bool TryCheckAt(uint location, out StatementBytes.Checked found) =>
        StatementBytes.TryCheck(BytesOf(location), this, out found);

    /// <summary>The source number of the statement at <paramref name="location"/>.</summary>
    public int SourceAt(uint location) => StatementBytes.SourceNumber(BytesOf(location));

    /// <summary>What corrections and conclusions added to statement <paramref name="number"/>; null when nothing.</summary>
    internal StatementLater? LaterOf(int number) => _later.GetValueOrDefault(number);

    /// <summary>What corrections and conclusions add to statement <paramref name="number"/>, made when first needed.</summary>
    internal StatementLater LaterFor(int number)
    {
        ref var later = ref CollectionsMarshal.GetValueRefOrAddDefault(_later, number, out _);
        return later ??= new StatementLater();
    }

    // HashCode is seeded per process, so ids chosen to collide in one process do not collide in another.
    private static int Hash(ReadOnlySpan<byte> id)
    {
        var hash = default(HashCode);
        hash.AddBytes(id);
        return hash.ToHashCode();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private ref Slot SlotOf(int number) => ref _pages[number >> PageBits][number & PageMask];

    private ReadOnlySpan<byte> BytesOf(uint location) =>
        (location & Large) != 0
            ? _large[(int)(location & ~Large)]
            : _bytePages[(int)(location >> BytePageBits)].AsSpan((int)(location & (BytePageSize - 1)));

    private uint Store(Statement statement)
    {
        _scratch.Clear();
        StatementBytes.Write(statement, this, _scratch);
        var length = _scratch.Count;
        if (length > BytePageSize)
        {
            _large.Add([.. _scratch]);
            return Large | (uint)(_large.Count - 1);
        }

        var page = _bytePages[_bytePage];
        if (_byteUsed + length > page.Length)
        {
            if (_bytePage == 0 && page.Length < BytePageSize && _byteUsed + length <= BytePageSize)
            {
                // Only the first page grows; the others are allocated whole.
                Array.Resize(ref _bytePages[0], Math.Min(BytePageSize, Math.Max(2 * page.Length, _byteUsed + length)));
            }
            else
            {
                if (_bytePage + 1 == MaxBytePages)
                {
                    throw new InvalidOperationException(
                        $"the index holds as many statement bytes as it can address ({_count:N0} statements)");
                }

                _bytePage++;
                if (_bytePage == _bytePages.Length)
                {
                    Array.Resize(ref _bytePages, _bytePages.Length * 2);
                }

                _bytePages[_bytePage] = new byte[BytePageSize];
                _byteUsed = 0;
            }

            page = _bytePages[_bytePage];
        }

        CollectionsMarshal.AsSpan(_scratch).CopyTo(page.AsSpan(_byteUsed));
        var location = ((uint)_bytePage << BytePageBits) | (uint)_byteUsed;
        _byteUsed += length;
        return location;
    }

    private void Rehash(int atLeast)
    {
        var size = _buckets.Length;
        while (size < atLeast)
        {
            size *= 2;
        }

        var buckets = new int[size];
        var mask = size - 1;

        // In number order, so each chain keeps the newest slot first. The hashes are not kept (4 bytes a statement):
        // they are taken again from the ids' bytes, a few milliseconds a million on a rehash that doubles the table.
        for (var number = 0; number < _count; number++)
        {
            ref var slot = ref SlotOf(number);
            ref var bucket = ref buckets[Hash(StatementBytes.Id(BytesOf(slot.Bytes))) & mask];
            slot.Next = bucket;
            bucket = number + 1;
        }

        _buckets = buckets;
    }

    /// <summary>One statement: where its bytes are, and its place in its id's chain (8 bytes).</summary>
    private struct Slot
    {
        /// <summary>Page and offset of the statement's bytes, or <see cref="Large"/> and its place among large ones.</summary>
        public uint Bytes;

        /// <summary>Number + 1 of the next slot in this slot's bucket; 0 at the end of the chain.</summary>
        public int Next;
    }
}
