using System.Text;
using ClaimsLedger.Events;
using ClaimsLedger.Ids;
using ClaimsLedger.Serialization;
using CsCheck;

namespace ClaimsLedger.Tests.Serialization;

public sealed class IdStringsTests
{
    [Fact]
    public void An_id_is_valid_in_bytes_exactly_when_it_is_valid_as_a_string()
    {
        var pieces = Gen.OneOf<string>("a", "z", "0", "9", "-", "_", ".", "A", "Z", " ", "/", "é", "😀", "\u0000", "\u007f");
        Gen.Frequency(
                (5, pieces.Array[0, 6].Select(parts => string.Concat(parts))),
                (1, Gen.Select(Gen.Int[126, 130], Gen.OneOf<string>("a", "-"),
                    (length, last) => new string('a', length - 1) + last)))
            .Sample(text =>
            {
                var bytes = Encoding.UTF8.GetBytes(text);

                Assert.Equal(Slug.IsValid(text), IdStrings.IsSlug(bytes));
                Assert.Equal(Slug.IsValid(text) ? text : null, IdStrings.Create(bytes));
                Assert.Equal(Slug.IsValid(text) ? text : null, IdStrings.Process.Shared(bytes));
            }, iter: 20_000);
    }

    [Fact]
    public void Statements_decoded_apart_share_the_strings_of_their_claim_actor_and_source()
    {
        var first = Decode(new StatementAsserted("share-1", "shared-claim", "shared-actor", SaidAt.Year(2023), "shared-source")
        {
            Via = ["shared-via"],
        });
        var second = Decode(new StatementDenied("share-2", "shared-claim", "shared-actor", SaidAt.Year(2024), "shared-source")
        {
            Via = ["shared-via"],
        });
        var registration = (ClaimRegistered)EventSerializer.Deserialize("claim-registered.v1",
            EventSerializer.Serialize(new ClaimRegistered("shared-claim", "Text")));

        Assert.Same(first.Claim.Value, second.Claim.Value);
        Assert.Same(first.Claim.Value, registration.Id.Value);
        Assert.Same(first.Actor.Value, second.Actor.Value);
        Assert.Same(first.Source.Value, second.Source.Value);
        Assert.Same(first.Via[0].Value, second.Via[0].Value);
    }

    [Fact]
    public void Ids_that_compete_for_the_table_from_many_threads_still_decode_to_their_own_text()
    {
        var ids = Enumerable.Range(0, IdStrings.Capacity * 3).Select(i => $"claim-{i:D7}").ToArray();
        var table = new IdStrings();

        Parallel.For(0, ids.Length * 2, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i =>
        {
            var id = ids[(int)((long)i * 7919 % ids.Length)];
            Assert.Equal(id, table.Shared(Encoding.ASCII.GetBytes(id)));
        });
    }

    [Fact]
    public void Once_seen_the_ids_of_a_large_ledger_are_shared_by_nearly_every_later_decode()
    {
        // The synthetic ledger's proportions: 10,000 claims, 2,000 actors, 500 sources, then used in random order.
        var ids = Enumerable.Range(0, 10_000).Select(i => $"claim-{i:D6}")
            .Concat(Enumerable.Range(0, 2_000).Select(i => $"actor-{i:D5}"))
            .Concat(Enumerable.Range(0, 500).Select(i => $"source-{i:D4}"))
            .Select(Encoding.ASCII.GetBytes)
            .ToArray();
        var table = new IdStrings();
        var first = ids.Select(id => table.Shared(id)).ToArray();
        var random = new Random(42);

        var uses = Enumerable.Range(0, 100_000).Select(_ => random.Next(ids.Length)).ToArray();
        var kept = uses.Count(i => ReferenceEquals(table.Shared(ids[i]), first[i]));

        Assert.True(kept >= uses.Length * 0.99, $"{kept} of {uses.Length} uses shared");
    }

    private static Statement Decode(Statement statement) =>
        (Statement)EventSerializer.Deserialize(EventTypeNames.Of(statement), EventSerializer.Serialize(statement));
}
