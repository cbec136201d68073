using System.Runtime.CompilerServices;
using ClaimsLedger.Snapshots;

namespace ClaimsLedger.Index;

/// <summary>The table in a snapshot's index image: its names, its pages of bytes as they are, and where each statement's
/// bytes start; the id chains are rebuilt on load.</summary>
internal sealed partial class StatementTable
{
    internal void WriteImage(ImageWriter image)
    {
        WriteNames(image, Names.Claims, static id => id.Value);
        WriteNames(image, Names.Actors, static id => id.Value);
        WriteNames(image, Names.Sources, static id => id.Value);

        // Every page as it is (a statement's location is its page and offset), the last only up to what is used.
        image.Int(_bytePage + 1);
        for (var page = 0; page <= _bytePage; page++)
        {
            image.Values<byte>(_bytePages[page].AsSpan(0, page == _bytePage ? _byteUsed : _bytePages[page].Length));
        }

        image.Int(_large.Count);
        foreach (var large in _large)
        {
            image.Values<byte>(large);
        }

        var locations = new uint[_count];
        for (var number = 0; number < _count; number++)
        {
            locations[number] = SlotOf(number).Bytes;
        }

        image.Values<uint>(locations);
    }

    internal static StatementTable ReadImage(ref ImageReader image)
    {
        var table = new StatementTable();
        image.Part = "the statement table's names";
        ReadNames(ref image, table.Names.Claims, static text => new ClaimId(text));
        ReadNames(ref image, table.Names.Actors, static text => new ActorId(text));
        ReadNames(ref image, table.Names.Sources, static text => new SourceId(text));

        image.Part = "the statement table's bytes";
        var pages = image.Count(4);
        if (pages is 0 or > MaxBytePages)
        {
            throw image.Damaged($"{pages} pages of statement bytes");
        }

        table._bytePages = new byte[pages][];
        for (var page = 0; page < pages; page++)
        {
            var bytes = image.Values<byte>();
            if (page == pages - 1)
            {
                // The page statements are added to next: given its full room back.
                var used = bytes.Length;
                var room = page == 0 ? Math.Min(BytePageSize, Math.Max(used, 1024)) : BytePageSize;
                if (used > room)
                {
                    throw image.Damaged($"a last page of {used} bytes");
                }

                Array.Resize(ref bytes, room);
                table._byteUsed = used;
            }
            else if (bytes.Length > BytePageSize)
            {
                throw image.Damaged($"a page of {bytes.Length} bytes");
            }

            table._bytePages[page] = bytes;
        }

        table._bytePage = pages - 1;
        var large = image.Count(4);
        for (var i = 0; i < large; i++)
        {
            table._large.Add(image.Values<byte>());
        }

        image.Part = "the statement table's locations";
        var locations = image.Values<uint>();
        table.Restore(ref image, locations);

        return table;
    }

    /// <summary>Slots for <paramref name="locations"/>, each checked to start a statement inside the pages read.</summary>
    // Compiled optimised at once, as ClaimEntry.ReadImage is (why is there).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Restore(ref ImageReader image, uint[] locations)
    {
        _pages = new Slot[Math.Max(1, (locations.Length + PageSize - 1) >> PageBits)][];
        for (var page = 0; page < _pages.Length; page++)
        {
            _pages[page] = new Slot[page == 0 && locations.Length < PageSize ? Math.Max(16, locations.Length) : PageSize];
        }

        for (var number = 0; number < locations.Length; number++)
        {
            var location = locations[number];
            var fits = (location & Large) != 0
                ? (location & ~Large) < (uint)_large.Count
                : (location >> BytePageBits) <= (uint)_bytePage
                  && (location & (BytePageSize - 1)) + 2 <= (uint)Used(location >> BytePageBits);
            var bytes = fits ? BytesOf(location) : default;
            var end = !fits ? 0
                : (location & Large) != 0 ? bytes.Length
                : Used(location >> BytePageBits) - (int)(location & (BytePageSize - 1));
            if (end < 2 || 2 + bytes[1] > end)
            {
                throw image.Damaged($"statement {number} at location {location:x8}, outside its pages");
            }

            SlotOf(number).Bytes = location;
        }

        _count = locations.Length;
        Rehash(Math.Max(16, _count));
    }

    private int Used(uint page) => page == (uint)_bytePage ? _byteUsed : _bytePages[page].Length;

    private int Checked(ref ImageReader image, int number) =>
        (uint)number < (uint)_count ? number : throw image.Damaged($"statement number {number} of {_count}");

    private static void WriteNames<T>(ImageWriter image, Numbering<T> names, Func<T, string> text)
        where T : struct, IEquatable<T>
    {
        image.Int(names.Count);
        for (var number = 0; number < names.Count; number++)
        {
            image.Text(text(names[number]));
        }
    }

    private static void ReadNames<T>(ref ImageReader image, Numbering<T> names, Func<string, T> id)
        where T : struct, IEquatable<T>
    {
        var count = image.Count(4);
        for (var number = 0; number < count; number++)
        {
            if (names.NumberOf(id(image.Text())) != number)
            {
                throw image.Damaged($"name {number} twice");
            }
        }
    }
}
