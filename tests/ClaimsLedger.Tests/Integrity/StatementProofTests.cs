using System.Text;
using Belgorod;
using ClaimsLedger.Integrity;
using static ClaimsLedger.Tests.Interchange.ImportExportTests;

namespace ClaimsLedger.Tests.Integrity;

/// <summary>A holder of a published digest checks that one statement is in the ledger, without the ledger.</summary>
public sealed class StatementProofTests
{
    [Fact]
    public async Task A_statement_proof_checks_against_the_published_digest_alone()
    {
        var (ledger, _) = await RecordedBelgorodWithCorrectionAsync();
        var published = await LedgerIntegrity.DigestAsync(ledger.Store);

        var proof = await LedgerIntegrity.ProveStatementAsync(ledger.Store, "rdk-claims-raid", published);
        var handedOver = InclusionProof.FromJson(proof.ToJson());

        Assert.True(handedOver.Verify(LedgerDigest.Parse(published.ToString())));
        Assert.Equal(published.Size, handedOver.TreeSize);
        Assert.Contains("\"rdk-claims-raid\"", Encoding.UTF8.GetString(Convert.FromBase64String(handedOver.Data)), StringComparison.Ordinal);
        Assert.Equal("statement-asserted.v1", handedOver.Type);
    }

    [Fact]
    public async Task A_proof_whose_statement_or_path_was_changed_fails()
    {
        var (ledger, _) = await RecordedBelgorodWithCorrectionAsync();
        var published = await LedgerIntegrity.DigestAsync(ledger.Store);
        var proof = await LedgerIntegrity.ProveStatementAsync(ledger.Store, "frl-claims-raid", published);
        var data = Encoding.UTF8.GetString(Convert.FromBase64String(proof.Data)).Replace("frl", "rdk", StringComparison.Ordinal);

        Assert.False((proof with { Data = Convert.ToBase64String(Encoding.UTF8.GetBytes(data)) }).Verify(published));
        Assert.False((proof with { Sequence = proof.Sequence + 1 }).Verify(published));
        Assert.False((proof with { Path = [.. proof.Path.Reverse()] }).Verify(published));
        Assert.False((proof with { Path = proof.Path.Skip(1).ToList() }).Verify(published));
        Assert.False((proof with { RecordedAt = proof.RecordedAt.AddTicks(1) }).Verify(published));
        Assert.False(proof.Verify(published with { Root = published.Hash }));
        Assert.False((proof with { Hash = "not hex" }).Verify(published));
    }

    [Fact]
    public async Task A_statement_recorded_after_the_digest_or_never_has_no_proof()
    {
        var (ledger, clock) = await NewLedgerAsync(BelgorodHistory.RecordedAt);
        await ledger.RecordAsync(BelgorodHistory.Registrations);
        var early = await LedgerIntegrity.DigestAsync(ledger.Store);
        clock.Advance(TimeSpan.FromHours(1));
        await ledger.RecordAsync(BelgorodHistory.Statements);

        var late = await Assert.ThrowsAsync<EventNotInLedgerException>(() =>
            LedgerIntegrity.ProveStatementAsync(ledger.Store, "rdk-claims-raid", early));
        var never = await Assert.ThrowsAsync<EventNotInLedgerException>(() =>
            LedgerIntegrity.ProveStatementAsync(ledger.Store, "no-such-statement"));

        Assert.Contains($"statement 'rdk-claims-raid' was recorded at sequence", late.Message, StringComparison.Ordinal);
        Assert.Contains($"after the digest's {early.Size} events", late.Message, StringComparison.Ordinal);
        Assert.Equal("statement 'no-such-statement' is not in the ledger", never.Message);
    }

    [Fact]
    public async Task A_consistency_proof_links_an_early_digest_to_a_later_one_and_nothing_else()
    {
        var (ledger, clock) = await NewLedgerAsync(BelgorodHistory.RecordedAt);
        await ledger.RecordAsync(BelgorodHistory.Registrations);
        var early = await LedgerIntegrity.DigestAsync(ledger.Store);
        clock.Advance(TimeSpan.FromHours(1));
        await ledger.RecordAsync(BelgorodHistory.Statements);
        var later = await LedgerIntegrity.DigestAsync(ledger.Store);

        var proof = ConsistencyProof.FromJson((await LedgerIntegrity.ProveConsistencyAsync(ledger.Store, early, later)).ToJson());

        Assert.True(proof.Verify(early, later));
        Assert.False((proof with { Path = [.. proof.Path.Select((p, i) => i == 0 ? new string('0', 64) : p)] }).Verify(early, later));
        Assert.False((proof with { Path = proof.Path.Take(proof.Path.Count - 1).ToList() }).Verify(early, later));
        Assert.False(proof.Verify(early with { Root = later.Root }, later));
        Assert.False(proof.Verify(later, early));
        var backwards = await Assert.ThrowsAsync<LedgerIntegrityException>(() =>
            LedgerIntegrity.ProveConsistencyAsync(ledger.Store, later, early));
        Assert.Contains("the older digest has more events", backwards.Message, StringComparison.Ordinal);
        var forged = await Assert.ThrowsAsync<LedgerIntegrityException>(() =>
            LedgerIntegrity.ProveConsistencyAsync(ledger.Store, early with { Hash = later.Hash }, later));
        Assert.Contains("does not extend digest", forged.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{ not json", "invalid InclusionProof JSON")]
    [InlineData("""{"sequence":1,"treeSize":1}""", "the InclusionProof has no 'stream'")]
    public void A_malformed_proof_file_is_refused_naming_what_is_missing(string json, string message)
    {
        var error = Assert.Throws<LedgerFormatException>(() => InclusionProof.FromJson(json));

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Proof_elements_that_are_not_hashes_fail_instead_of_throwing()
    {
        var leaf = new byte[32];

        Assert.False(MerkleTree.VerifyInclusion(leaf, 0, 2, [new byte[100_000]], leaf));
        Assert.False(MerkleTree.VerifyConsistency(1, 2, leaf, leaf, [new byte[31]]));
        Assert.Equal(32, MerkleTree.LeafHash(new byte[100_000]).Length);
    }

    [Theory]
    [InlineData("claims-ledger-digest/v2/1/a/b/c", "must start with claims-ledger-digest/v1/")]
    [InlineData("claims-ledger-digest/v1/0/" + Hex + "/" + Hex + "/2023-05-26T12:00:00.0000000Z", "'0' is not a ledger size")]
    [InlineData("claims-ledger-digest/v1/5/abc/" + Hex + "/2023-05-26T12:00:00.0000000Z", "'abc' is not a hash")]
    [InlineData("claims-ledger-digest/v1/5/" + Hex + "/" + Hex + "/yesterday", "'yesterday' is not a recordedAt")]
    [InlineData("claims-ledger-digest/v1/5/" + Hex, "expected claims-ledger-digest/v1/SIZE/HASH/ROOT/RECORDEDAT")]
    public void A_malformed_digest_is_refused_naming_the_part(string text, string message)
    {
        var error = Assert.Throws<FormatException>(() => LedgerDigest.Parse(text));

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_digest_round_trips_through_its_published_form()
    {
        var digest = new LedgerDigest(68, Hex, Hex.Replace('a', 'b'), new DateTimeOffset(2023, 5, 27, 9, 0, 0, TimeSpan.Zero));

        Assert.Equal($"claims-ledger-digest/v1/68/{Hex}/{Hex.Replace('a', 'b')}/2023-05-27T09:00:00.0000000Z", digest.ToString());
        Assert.Equal(digest, LedgerDigest.Parse(digest.ToString()));
    }

    private const string Hex = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
}
