using System.Runtime.CompilerServices;
using ClaimsLedger.Index;
using ClaimsLedger.Telemetry;
using ClaimsLedger.Views;

namespace ClaimsLedger;

/// <summary>The views of the ledger as of (T, R).</summary>
public sealed partial class Ledger
{
    // Claims evaluated per hold of the index's lock by ReadBoardAsync (on every core, as a board is): short holds, and
    // few enough views at once that they die young (a board of 10,000 claims held whole is ~50 MB the collector moves
    // twice).
    private const int BoardChunk = 512;

    /// <summary>The claim board: every claim with a counted statement, who asserts and denies it, and how surely.</summary>
    public Task<ClaimBoard> GetBoardAsync(AsOf asOf, CancellationToken cancellationToken = default) =>
        BuildViewAsync("board", index => LedgerQueries.Board(index, asOf), cancellationToken);

    /// <summary>
    /// The board <see cref="GetBoardAsync"/> builds, handed out claim by claim in claim id order and evaluated a few
    /// hundred claims at a time, so the whole board is never held at once: for boards written out or summed up as they
    /// come. On large ledgers this is far cheaper than <see cref="GetBoardAsync"/>, whose cost is mostly the collector
    /// moving the views it keeps (docs/performance.md).
    /// </summary>
    /// <remarks>
    /// <para>It is the board of the ledger as it stood when the enumeration began; appends folded in meanwhile do not
    /// change it. They are recorded after R, or R is at or after the ledger's last recordedAt at the start and is read
    /// as that instant, which gives the same board. The one case time cannot tell apart throws
    /// <see cref="LedgerChangedException"/>: events appended meanwhile with that very last recordedAt (see there).</para>
    /// <para>The ledger's lock is held only while a chunk of claims is evaluated, never while the caller handles a
    /// claim, so appends and other queries go on during a slow enumeration.</para>
    /// </remarks>
    /// <exception cref="LedgerChangedException">The board could not stay one board; read it again.</exception>
    public async IAsyncEnumerable<ClaimStatus> ReadBoardAsync(AsOf asOf,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var started = _diagnostics.Timestamp();
        await CatchUpAsync(cancellationToken).ConfigureAwait(false);
        LedgerIndex index;
        ClaimEntry[] claims;
        RecordedFence? fence;
        DateTimeOffset last;
        lock (_indexGate)
        {
            index = _index;
            last = index.LastRecordedAt;
            var fenced = asOf.Recorded >= last;
            if (fenced)
            {
                // What is folded in later is recorded at or after `last`: read as of `last`, it counts only if recorded
                // at that very instant, which the fence tells.
                asOf = asOf.WithRecorded(last);
            }

            claims = LedgerQueries.BoardClaims(index, asOf);
            fence = fenced ? index.Fence() : null;
        }

        try
        {
            var chunk = new ClaimStatus?[Math.Min(BoardChunk, claims.Length)];
            for (var from = 0; from < claims.Length; from += chunk.Length)
            {
                // Also here, not only before a claim is handed out: chunks where nothing counts hand nothing out.
                cancellationToken.ThrowIfCancellationRequested();
                var count = Math.Min(chunk.Length, claims.Length - from);
                lock (_indexGate)
                {
                    if (fence?.Next == last)
                    {
                        throw new LedgerChangedException(last);
                    }

                    LedgerQueries.BoardEntries(index, asOf, claims, from, chunk, count);
                }

                for (var i = 0; i < count; i++)
                {
                    if (chunk[i] is { } status)
                    {
                        chunk[i] = null;
                        cancellationToken.ThrowIfCancellationRequested();
                        yield return status;
                    }
                }
            }
        }
        finally
        {
            if (fence is not null)
            {
                lock (_indexGate)
                {
                    index.RemoveFence(fence);
                }
            }
        }

        _diagnostics.ViewBuilt("board-stream", started);
    }

    /// <summary>
    /// One claim's status; evaluates that claim only. Null when the claim was not registered by R. While the index is
    /// still loading (<see cref="LedgerOptions.LoadInBackground"/>), answered from the claim's own streams instead.
    /// </summary>
    public Task<ClaimStatus?> GetClaimAsync(ClaimId claim, AsOf asOf, CancellationToken cancellationToken = default) =>
        Volatile.Read(ref _complete)
            ? BuildViewAsync("claim", index => LedgerQueries.Claim(index, claim, asOf), cancellationToken)
            : ClaimFromStreamsAsync(claim, asOf, cancellationToken);

    private async Task<ClaimStatus?> ClaimFromStreamsAsync(ClaimId claim, AsOf asOf, CancellationToken cancellationToken)
    {
        using var activity = LedgerDiagnostics.StartView("claim");
        var started = _diagnostics.Timestamp();
        try
        {
            var scope = await ClaimScope.LoadAsync(_store, claim, cancellationToken).ConfigureAwait(false);
            _diagnostics.Read(scope?.EventCount ?? 0, "claim-streams");
            var result = scope is null ? null : LedgerQueries.Claim(scope, claim, asOf);
            _diagnostics.ViewBuilt("claim", started);
            return result;
        }
        catch (Exception e)
        {
            LedgerDiagnostics.Failed(activity, e);
            throw;
        }
    }

    /// <summary>One actor's position on every claim. Null when the actor was not registered by R.</summary>
    public Task<ActorPositions?> GetActorAsync(ActorId actor, AsOf asOf,
        CancellationToken cancellationToken = default) =>
        BuildViewAsync("actor", index => LedgerQueries.Actor(index, actor, asOf), cancellationToken);

    /// <summary>Every actor's position on every claim.</summary>
    public Task<ActorsView> GetActorsAsync(AsOf asOf, CancellationToken cancellationToken = default) =>
        BuildViewAsync("actors", index => LedgerQueries.Actors(index, asOf), cancellationToken);

    /// <summary>Counted statements in the ledger's statement order, filtered by <paramref name="query"/>.</summary>
    public Task<Timeline> GetTimelineAsync(TimelineQuery query, AsOf asOf,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        return BuildViewAsync("timeline", index => LedgerQueries.Timeline(index, query, asOf), cancellationToken);
    }

    /// <summary>What changed from <paramref name="from"/> to <paramref name="to"/>.</summary>
    public Task<LedgerDiff> DiffAsync(AsOf from, AsOf to, CancellationToken cancellationToken = default) =>
        BuildViewAsync("diff", index => LedgerDiffer.Diff(index, from, to), cancellationToken);

    /// <summary>Catches up, then builds a view from the index, traced and counted under <paramref name="view"/>.</summary>
    private async Task<T> BuildViewAsync<T>(string view, Func<LedgerIndex, T> build,
        CancellationToken cancellationToken)
    {
        using var activity = LedgerDiagnostics.StartView(view);
        var started = _diagnostics.Timestamp();
        try
        {
            await CatchUpAsync(cancellationToken).ConfigureAwait(false);
            var result = Read(build);
            _diagnostics.ViewBuilt(view, started);
            return result;
        }
        catch (Exception e)
        {
            LedgerDiagnostics.Failed(activity, e);
            throw;
        }
    }
}
