using ClaimsLedger.Recording;
using ClaimsLedger.Tests.Serialization;
using CsCheck;

namespace ClaimsLedger.Tests.Recording;

/// <summary>Event ids are derived from the event's key; the fast path for statements and corrections must give the
/// ids every ledger already stored.</summary>
public sealed class EventIdsTests
{
    [Fact]
    public void The_id_of_every_event_is_the_hash_of_its_key()
    {
        EventGen.Event.Sample(@event =>
            Assert.Equal(EventIds.FromKey(EventIds.KeyOf(@event)), EventIds.For(@event)), iter: 10_000);
    }
}
