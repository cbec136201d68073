namespace ClaimsLedger.Index;

/// <summary>The claims an actor has statements on, as recorded or as amended.</summary>
/// <remarks>
/// Every folded statement adds its claim here. A set looked the claim up on every statement: a hash of the id and a
/// cache miss into a table of a few hundred entries per actor, ~25 % of folding a statement into the index (perf,
/// 2026-11-29), and ~26 bytes per distinct (actor, claim) pair. Claims are appended instead, a repeat of the last one
/// skipped, and repeats are removed only when the list has doubled since they last were, so it never holds more than
/// twice the distinct claims (plus a few). Claims are held by their number in the index (4 bytes, not an 8-byte
/// reference), which <see cref="Ids"/> resolves.
/// </remarks>
internal sealed class ActorClaims
{
    private const int MinCompaction = 16;

    private int[] _claims = [];
    private int _count;
    private int _compactAt = MinCompaction;

    public void Add(ClaimEntry claim)
    {
        if (_count > 0 && _claims[_count - 1] == claim.Number)
        {
            return;
        }

        if (_count == _compactAt)
        {
            Compact();
        }

        if (_count == _claims.Length)
        {
            Array.Resize(ref _claims, Math.Max(4, _count * 2));
        }

        _claims[_count++] = claim.Number;
    }

    /// <summary>Claims the array has room for, used or not (repeats included).</summary>
    internal int Capacity => _claims.Length;

    /// <summary>The claims' numbers as held (repeats included), for a snapshot's index image.</summary>
    internal ReadOnlySpan<int> Numbers => _claims.AsSpan(0, _count);

    /// <summary>Takes <paramref name="numbers"/> as the claims held, from a snapshot's index image.</summary>
    internal void Load(int[] numbers)
    {
        _claims = numbers;
        _count = numbers.Length;
        _compactAt = Math.Max(MinCompaction, 2 * _count);
    }

    /// <summary>Removes repeats and the unused room, once a load has added most of the claims.</summary>
    public void TrimExcess()
    {
        if (_count == 0)
        {
            // Organisations and actors who never spoke: nothing to compact, and no set to build for it.
            return;
        }

        Compact();
        if (_claims.Length > _count)
        {
            Array.Resize(ref _claims, _count);
        }
    }

    /// <summary>The distinct claims' ids, in id order.</summary>
    public IReadOnlyList<ClaimId> Ids(IReadOnlyList<ClaimEntry?> byNumber) =>
        [.. _claims.Take(_count).Distinct().Select(c => byNumber[c]!.Registration.Id).Order()];

    // One set per thread, cleared for each compaction: a set per compaction was ~6 % of what an open allocated
    // (2026-11-30). Compactions run under their index's lock, and never on two actors at once on one thread.
    [ThreadStatic]
    private static HashSet<int>? _seen;

    private void Compact()
    {
        var seen = _seen ??= [];
        seen.Clear();
        var kept = 0;
        for (var i = 0; i < _count; i++)
        {
            if (seen.Add(_claims[i]))
            {
                _claims[kept++] = _claims[i];
            }
        }

        Array.Clear(_claims, kept, _count - kept);
        _count = kept;
        _compactAt = Math.Max(MinCompaction, 2 * kept);
        if (seen.Count > 4096)
        {
            // An actor with thousands of claims should not leave a set that size on every thread that compacted it.
            _seen = null;
        }
    }
}
