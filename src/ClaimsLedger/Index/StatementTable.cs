using System.Runtime.CompilerServices;
using ClaimsLedger.Events;

namespace ClaimsLedger.Index;

/// <summary>
/// Every recorded statement of the index, numbered in log order, held in pages of slots rather than one object each,
/// with its own table from statement id to number.
/// </summary>
/// <remarks>
/// <para>An object per statement (72 bytes) plus a dictionary entry and bucket for it (~39 bytes with the dictionary's
/// spare room) held ~110 bytes per statement and a million more objects for the collector to promote; a slot is 24
/// bytes and a bucket 4 to 8. Ids are chained through the slots (each slot holds its id's hash and the number of the
/// next slot in its bucket), as <see cref="Dictionary{TKey,TValue}"/> chains its entries, without the key and value
/// copies. What an evaluation reads of a statement (its recordedAt, speaker and source) is in its claim's row instead,
/// beside the others of the claim: the slots lie anywhere in the table.</para>
/// <para>Pages are never moved once full, so growing a table of millions copies nothing; only the first page grows
/// up to full size, so a small ledger holds a small table.</para>
/// <para>Not thread-safe: the index's owner serialises writes and reads.</para>
/// </remarks>
internal sealed class StatementTable
{
    private const int PageBits = 14;
    private const int PageSize = 1 << PageBits;
    private const int PageMask = PageSize - 1;

    private Slot[][] _pages = [new Slot[16]];
    private int _count;

    // Number + 1 of the newest slot whose id hashes here, 0 for none; a power of two, at least the count.
    private int[] _buckets = new int[16];

    /// <summary>Number of statements held.</summary>
    public int Count => _count;

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
        var hash = id.GetHashCode();
        for (var next = _buckets[hash & (_buckets.Length - 1)]; next != 0;)
        {
            ref var slot = ref SlotOf(next - 1);
            if (slot.IdHash == hash && slot.Original.Id == id)
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

        var hash = statement.Id.GetHashCode();
        ref var slot = ref _pages[page][number & PageMask];
        ref var bucket = ref _buckets[hash & (_buckets.Length - 1)];
        slot = new Slot { Original = statement, IdHash = hash, Next = bucket };
        bucket = number + 1;
        _count++;
        return new StatementEntry(this, number);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal ref Slot SlotOf(int number) => ref _pages[number >> PageBits][number & PageMask];

    private void Rehash(int atLeast)
    {
        var size = _buckets.Length;
        while (size < atLeast)
        {
            size *= 2;
        }

        var buckets = new int[size];
        var mask = size - 1;

        // In number order, so each chain keeps the newest slot first.
        for (var number = 0; number < _count; number++)
        {
            ref var slot = ref SlotOf(number);
            ref var bucket = ref buckets[slot.IdHash & mask];
            slot.Next = bucket;
            bucket = number + 1;
        }

        _buckets = buckets;
    }

    /// <summary>One statement: what <see cref="StatementEntry"/> reads and writes.</summary>
    internal struct Slot
    {
        public Statement Original;

        /// <summary>What corrections and conclusions add; null for most statements, which never get any.</summary>
        public StatementLater? Later;

        public int IdHash;

        /// <summary>Number + 1 of the next slot in this slot's bucket; 0 at the end of the chain.</summary>
        public int Next;
    }
}
