using ClaimsLedger.Views;
using Mediator;

namespace ClaimsLedger.Mediator;

/// <summary>The claim board as of a point (<see cref="Ledger.GetBoardAsync"/>).</summary>
/// <param name="AsOf">The (said, recorded) point; <c>AsOf.Now(clock)</c> for now.</param>
public sealed record GetBoard(AsOf AsOf) : IQuery<ClaimBoard>;

/// <summary>The claim board as of a point, claim by claim (<see cref="Ledger.ReadBoardAsync"/>): send it with
/// <c>mediator.CreateStream</c>.</summary>
/// <param name="AsOf">The (said, recorded) point; <c>AsOf.Now(clock)</c> for now.</param>
public sealed record ReadBoard(AsOf AsOf) : IStreamQuery<ClaimStatus>;

/// <summary>One claim's status as of a point (<see cref="Ledger.GetClaimAsync"/>); null when the claim was not
/// registered by then.</summary>
/// <param name="Claim">The claim.</param>
/// <param name="AsOf">The (said, recorded) point.</param>
public sealed record GetClaim(ClaimId Claim, AsOf AsOf) : IQuery<ClaimStatus?>;

/// <summary>One actor's positions as of a point (<see cref="Ledger.GetActorAsync"/>); null when the actor was not
/// registered by then.</summary>
/// <param name="Actor">The actor.</param>
/// <param name="AsOf">The (said, recorded) point.</param>
public sealed record GetActor(ActorId Actor, AsOf AsOf) : IQuery<ActorPositions?>;

/// <summary>Every actor's positions as of a point (<see cref="Ledger.GetActorsAsync"/>).</summary>
/// <param name="AsOf">The (said, recorded) point.</param>
public sealed record GetActors(AsOf AsOf) : IQuery<ActorsView>;

/// <summary>Counted statements in order, filtered, as of a point (<see cref="Ledger.GetTimelineAsync"/>).</summary>
/// <param name="Query">The filters; <see cref="TimelineQuery.All"/> for everything.</param>
/// <param name="AsOf">The (said, recorded) point.</param>
public sealed record GetTimeline(TimelineQuery Query, AsOf AsOf) : IQuery<Timeline>;

/// <summary>What changed between two points (<see cref="Ledger.DiffAsync"/>).</summary>
/// <param name="From">The earlier point.</param>
/// <param name="To">The later point.</param>
public sealed record GetDiff(AsOf From, AsOf To) : IQuery<LedgerDiff>;
