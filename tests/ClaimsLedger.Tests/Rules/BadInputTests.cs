using ClaimsLedger.Events;
using ClaimsLedger.Storage;
using static ClaimsLedger.Tests.LedgerScenario;

namespace ClaimsLedger.Tests.Rules;

/// <summary>Rule 7 and the guarantees on bad input: a clear error naming the id or field, and nothing recorded.</summary>
public sealed class BadInputTests
{
    private static readonly SaidAt May22 = SaidAt.Parse("2023-05-22");

    public static TheoryData<string, LedgerEvent, LedgerErrorCode, string, string> Cases => new()
    {
        // name, event (recorded after a1 = alice asserts on 2023-05-22, i1 = investigation concluded by c1), code, field, message fragment
        { "retraction starting before its target", Retracts("r", "alice", "a1", "2023-05-21"), LedgerErrorCode.InvalidRetraction, "saidAt", "starts before the retracted statement" },
        { "retraction of another actor's statement", Retracts("r", "bob", "a1", "2023-05-23"), LedgerErrorCode.InvalidRetraction, "target", "made by 'alice', not 'bob'" },
        { "retraction of another claim's statement", Retracts("r", "alice", "a1", "2023-05-23", OtherClaim), LedgerErrorCode.InvalidRetraction, "target", "about claim 'claim', not 'other-claim'" },
        { "retraction of a missing statement", Retracts("r", "alice", "nope", "2023-05-23"), LedgerErrorCode.UnknownStatement, "target", "unknown statement 'nope'" },
        { "retraction of an investigation", Retracts("r", "carol", "i1", "2023-05-23"), LedgerErrorCode.InvalidRetraction, "target", "cannot be retracted" },
        { "conclusion of an investigation never opened", Concludes("c", "carol", "nope", "2023-05-24"), LedgerErrorCode.InvalidConclusion, "investigation", "'nope' was never opened" },
        { "conclusion of a statement that is not an investigation", Concludes("c", "carol", "a1", "2023-05-24"), LedgerErrorCode.InvalidConclusion, "investigation", "not an opened investigation" },
        { "conclusion of an investigation already concluded", Concludes("c", "carol", "i1", "2023-05-24"), LedgerErrorCode.InvalidConclusion, "investigation", "already concluded by statement 'c1'" },
        { "conclusion on another claim", Concludes("c", "carol", "i2", "2023-05-24", claim: OtherClaim), LedgerErrorCode.InvalidConclusion, "investigation", "about claim 'claim', not 'other-claim'" },
        { "unknown claim", Asserts("x", "alice", "2023-05-22", "no-such-claim"), LedgerErrorCode.UnknownClaim, "claim", "unknown claim 'no-such-claim'" },
        { "unknown actor", Asserts("x", "nobody", "2023-05-22"), LedgerErrorCode.UnknownActor, "actor", "unknown actor 'nobody'" },
        { "unknown source", new StatementAsserted("x", Claim, "alice", May22, "no-source"), LedgerErrorCode.UnknownSource, "source", "unknown source 'no-source'" },
        { "unknown actor in the via chain", Asserts("x", "alice", "2023-05-22") with { Via = ["agency", "ghost"] }, LedgerErrorCode.UnknownActor, "via[1]", "unknown actor 'ghost'" },
        { "actor twice in the via chain", Asserts("x", "alice", "2023-05-22") with { Via = ["agency", "bob", "agency"] }, LedgerErrorCode.InvalidValue, "via[2]", "actor 'agency' appears twice in the chain" },
        { "saidAt later than recorded", Asserts("x", "alice", "2023-06-02"), LedgerErrorCode.SaidAfterRecorded, "saidAt", "starts after the time of recording" },
        { "missing saidAt", new StatementAsserted("x", Claim, "alice", default, Source), LedgerErrorCode.MissingField, "saidAt", "is required" },
        { "missing statement id", new StatementAsserted(default, Claim, "alice", May22, Source), LedgerErrorCode.MissingField, "id", "a statement id is required" },
        { "missing claim id", new StatementAsserted("x", default, "alice", May22, Source), LedgerErrorCode.MissingField, "claim", "a claim id is required" },
        { "unknown certainty", Asserts("x", "alice", "2023-05-22") with { Certainty = (Certainty)42 }, LedgerErrorCode.InvalidValue, "certainty", "42 is not a known Certainty" },
        { "unknown reaction kind", new ReactionExpressed("x", Claim, "alice", May22, Source, (ReactionKind)9), LedgerErrorCode.InvalidValue, "reaction", "not a known ReactionKind" },
        { "blank quote", Asserts("x", "alice", "2023-05-22") with { Quote = "  " }, LedgerErrorCode.MissingField, "quote", "must not be blank" },
        { "duplicate statement id with other content", Denies("a1", "alice", "2023-05-22"), LedgerErrorCode.DuplicateId, "id", "already recorded with different content" },
        { "correction of a missing statement", new StatementStruck("k", "nope", "error"), LedgerErrorCode.UnknownStatement, "statement", "unknown statement 'nope'" },
        { "amendment of a missing statement", new StatementAmended("k", "nope", new StatementChanges { Quote = "q" }, "r"), LedgerErrorCode.UnknownStatement, "statement", "unknown statement 'nope'" },
        { "amendment that changes nothing", new StatementAmended("k", "a1", new StatementChanges(), "r"), LedgerErrorCode.InvalidAmendment, "changes", "changes nothing" },
        { "amendment giving a reaction a certainty", new StatementAmended("k", "re1", new StatementChanges { Certainty = Certainty.Probable }, "r"), LedgerErrorCode.CertaintyWithoutStance, "changes.certainty", "takes no stance" },
        { "amendment to an unknown actor", new StatementAmended("k", "a1", new StatementChanges { Actor = "ghost" }, "r"), LedgerErrorCode.UnknownActor, "changes.actor", "unknown actor 'ghost'" },
        { "amendment both setting and removing the quote", new StatementAmended("k", "a1", new StatementChanges { Quote = "q", RemoveQuote = true }, "r"), LedgerErrorCode.InvalidAmendment, "changes.quote", "both set and remove" },
        { "amendment of a struck statement", new StatementAmended("k", "struck1", new StatementChanges { Quote = "q" }, "r"), LedgerErrorCode.InvalidAmendment, "statement", "was struck by correction 'strike-struck1'" },
        { "strike of a struck statement", new StatementStruck("k", "struck1", "again"), LedgerErrorCode.AlreadyStruck, "statement", "already struck by correction 'strike-struck1'" },
        { "correction without a reason", new StatementStruck("k", "a1", ""), LedgerErrorCode.MissingField, "reason", "is required" },
        { "link of a claim to itself", new ClaimLinked(Claim, ClaimLinkKind.Refines, Claim), LedgerErrorCode.InvalidLink, "target", "cannot be linked to itself" },
        { "link to an unknown claim", new ClaimLinked(Claim, ClaimLinkKind.Refines, "ghost-claim"), LedgerErrorCode.UnknownClaim, "target", "unknown claim 'ghost-claim'" },
        { "claim id reused with other text", new ClaimRegistered(Claim, "Another text"), LedgerErrorCode.DuplicateId, "id", "differs in text" },
        { "claim without text", new ClaimRegistered("new-claim", " "), LedgerErrorCode.MissingField, "text", "must not be blank" },
        { "malformed incident tag", new ClaimRegistered("new-claim", "t") { Incidents = ["Bad Tag"] }, LedgerErrorCode.InvalidValue, "incidents[0]", "not a valid incident tag" },
        { "actor without a kind", new ActorRegistered("new-actor", "Name", default), LedgerErrorCode.InvalidValue, "kind", "is required" },
        { "source with a relative url", new SourceRegistered("new-source", "P", "T") { Url = new Uri("/a", UriKind.Relative) }, LedgerErrorCode.InvalidValue, "url", "not an absolute http or https URL" },
        { "affiliation with itself", new ActorAffiliated("alice", "alice", May22), LedgerErrorCode.InvalidAffiliation, "organisation", "cannot be affiliated with itself" },
        { "end of an affiliation that never began", new ActorAffiliationEnded("bob", "agency", May22), LedgerErrorCode.InvalidAffiliation, "organisation", "no open affiliation" },
        { "evidence without a description", new EvidencePresented("x", Claim, "alice", May22, Source, EvidenceKind.Photo, ""), LedgerErrorCode.MissingField, "description", "is required" },
        { "conclusion id reused without a finding", new InvestigationConcluded("c1", Claim, "carol", May22, Source, "i1", null!), LedgerErrorCode.DuplicateId, "id", "already recorded with different content" },
        { "amendment moving a retracted statement after its retraction", new StatementAmended("k", "a2", new StatementChanges { SaidAt = SaidAt.Parse("2023-05-24") }, "r"), LedgerErrorCode.InvalidAmendment, "changes.saidAt", "retraction 'ra2' (2023-05-23) would then start before statement 'a2' was made (2023-05-24)" },
        { "amendment moving a retraction before its target", new StatementAmended("k", "ra2", new StatementChanges { SaidAt = SaidAt.Parse("2023-05-21") }, "r"), LedgerErrorCode.InvalidAmendment, "changes.saidAt", "retraction 'ra2' (2023-05-21) would then start before statement 'a2'" },
        { "finding 'other' without a summary", new InvestigationConcluded("x", Claim, "carol", May22, Source, "i3", new Finding(FindingOutcome.Other)), LedgerErrorCode.MissingField, "finding.summary", "required when the outcome is 'other'" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Bad_input_is_rejected_with_a_specific_error_and_nothing_is_recorded(string name,
        LedgerEvent bad, LedgerErrorCode code, string field, string fragment)
    {
        var s = await ScenarioAsync();
        var count = s.Store.Count;

        var error = await Assert.ThrowsAsync<LedgerValidationException>(() =>
            s.RecordAsync(Asserts("innocent", "carol", "2023-05-22"), bad));

        var found = Assert.Single(error.Errors);
        Assert.True(code == found.Code, $"{name}: expected {code}, got {found.Code}: {found}");
        Assert.Equal(1, found.Index);
        Assert.Equal(field, found.Field);
        Assert.Contains(fragment, found.Message, StringComparison.Ordinal);
        Assert.Contains(found.ToString(), error.Message, StringComparison.Ordinal);
        Assert.Equal(count, s.Store.Count);
        Assert.Null((await s.ClaimAsync(s.Now))!.PositionOf("carol"));
    }

    [Fact]
    public async Task Every_error_of_a_batch_is_reported_not_only_the_first()
    {
        var s = await ScenarioAsync();

        var error = await Assert.ThrowsAsync<LedgerValidationException>(() => s.RecordAsync(
            Asserts("x1", "ghost", "2023-05-22"),
            Asserts("ok", "alice", "2023-05-23"),
            Asserts("x2", "alice", "2023-05-22", "ghost-claim")));

        Assert.Equal([0, 2], error.Errors.Select(e => e.Index));
        Assert.Contains("statement 'x1'", error.Message, StringComparison.Ordinal);
        Assert.Contains("(2 errors)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_batch_may_refer_to_what_it_registers_itself()
    {
        var s = await ScenarioAsync();

        var result = await s.RecordAsync(
            new ClaimRegistered("new-claim", "New"),
            new ActorRegistered("dave", "Dave", ActorKind.Person),
            Asserts("n1", "dave", "2023-05-22", "new-claim"),
            Retracts("n2", "dave", "n1", "2023-05-23", "new-claim"));

        Assert.Equal(4, result.Appended);
    }

    [Fact]
    public async Task A_wrong_expected_version_at_the_store_is_a_concurrency_error_that_names_the_stream()
    {
        var s = await ScenarioAsync();
        var stream = new StreamName("claim:claim");
        var count = s.Store.Count;
        var late = new EventData(Guid.NewGuid(), "statement-struck.v1",
            """{"id":"late","statement":"a1","reason":"r"}"""u8.ToArray(), ReadOnlyMemory<byte>.Empty);

        var error = await Assert.ThrowsAsync<WrongExpectedVersionException>(() =>
            s.Store.AppendToStreamAsync(stream, ExpectedVersion.Exactly(0), [late]));

        Assert.Contains("stream 'claim:claim' was expected at revision 0", error.Message, StringComparison.Ordinal);
        Assert.Equal(count, s.Store.Count);
    }

    [Fact]
    public async Task One_batch_may_move_a_statement_and_its_retraction_together()
    {
        var s = await ScenarioAsync();
        var later = new StatementChanges { SaidAt = SaidAt.Parse("2023-05-25") };

        var result = await s.RecordAsync(
            new StatementAmended("move-statement", "a2", later, "misdated"),
            new StatementAmended("move-retraction", "ra2", later, "misdated"));

        Assert.Equal(2, result.Appended);
    }

    [Fact]
    public async Task A_struck_retraction_no_longer_holds_its_target_in_place()
    {
        var s = await ScenarioAsync();

        var result = await s.RecordAsync(
            new StatementStruck("strike-ra2", "ra2", "recorded in error"),
            new StatementAmended("move-statement", "a2", new StatementChanges { SaidAt = SaidAt.Parse("2023-05-25") }, "misdated"));

        Assert.Equal(2, result.Appended);
    }

    /// <summary>
    /// a1: alice asserts; a2: alice asserts, retracted by ra2 on 2023-05-23; i1: carol's investigation concluded by c1; i2 and i3: carol's open investigations on claim;
    /// re1: bob's reaction; struck1: struck by strike-struck1.
    /// </summary>
    private static async Task<LedgerScenario> ScenarioAsync()
    {
        var s = await StartAsync();
        await s.RecordAsync(
            Asserts("a1", "alice", "2023-05-22"),
            Asserts("a2", "alice", "2023-05-22"),
            Retracts("ra2", "alice", "a2", "2023-05-23"),
            Opens("i1", "carol", "2023-05-22"),
            Concludes("c1", "carol", "i1", "2023-05-23"),
            Opens("i2", "carol", "2023-05-22"),
            Opens("i3", "carol", "2023-05-22"),
            Reacts("re1", "bob", "2023-05-22"),
            Asserts("struck1", "bob", "2023-05-22"),
            new StatementStruck("strike-struck1", "struck1", "error"));
        return s;
    }
}
