using ClaimsLedger.Events;

namespace ClaimsLedger.Serialization;

/// <summary>
/// A recorded event in the form the ledger folds in, made from the event itself instead of decoding its payload
/// again.
/// </summary>
/// <remarks>
/// A large append used to decode every payload it had just written (on the other core, while the store wrote): a
/// second copy of each statement, which the index then kept while the caller's copy became garbage. Where the payload
/// decodes to an equal event anyway, the event is kept instead, with its claim, actor, source and via ids swapped for
/// the strings the decoder shares (<see cref="IdStrings"/>), so the index holds no more than after a decode.
/// </remarks>
internal static class StoredForm
{
    /// <summary>
    /// What decoding the payload of <paramref name="event"/> would give, when that is known without decoding; null
    /// when the payload must be decoded.
    /// </summary>
    /// <param name="event">A valid event that was serialised with <see cref="EventSerializer.Serialize(LedgerEvent, out bool)"/>.</param>
    /// <param name="decodesToItself">What that serialisation said.</param>
    public static LedgerEvent? Of(LedgerEvent @event, bool decodesToItself) =>
        !decodesToItself ? null
        : @event is Statement statement ? WithSharedIds(statement)
        : @event;

    private static Statement WithSharedIds(Statement statement)
    {
        var ids = IdStrings.Process;
        var claim = ids.Shared(statement.Claim.Value);
        var actor = ids.Shared(statement.Actor.Value);
        var source = ids.Shared(statement.Source.Value);
        var via = statement.Via;
        var viaShared = true;
        for (var i = 0; i < via.Count; i++)
        {
            viaShared &= ReferenceEquals(ids.Shared(via[i].Value), via[i].Value);
        }

        if (ReferenceEquals(claim, statement.Claim.Value) && ReferenceEquals(actor, statement.Actor.Value)
            && ReferenceEquals(source, statement.Source.Value) && viaShared)
        {
            return statement;
        }

        return statement with
        {
            Claim = new ClaimId(claim),
            Actor = new ActorId(actor),
            Source = new SourceId(source),
            Via = viaShared ? via : [.. via.Select(v => new ActorId(ids.Shared(v.Value)))],
        };
    }
}
