using ClaimsLedger.Events;
using ClaimsLedger.Index;
using ClaimsLedger.Validation;

namespace ClaimsLedger.Tests.Validation;

/// <summary>
/// A check's message is formatted only when the check fails. A message written as <c>$"..." + "..."</c> is a plain
/// string, built for every passing check; this happened to the saidAt check of every statement and two retraction
/// checks, and was most of the strings an append allocated.
/// </summary>
public sealed class ValidationCostTests
{
    private const int Statements = 2_000;

    private static readonly DateTimeOffset Now = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Validating_valid_statements_formats_no_failure_messages()
    {
        var batch = ValidBatch();
        Assert.Empty(BatchValidator.Validate(new LedgerIndex(), batch, Now).Errors);

        var before = GC.GetAllocatedBytesForCurrentThread();
        var validated = BatchValidator.Validate(new LedgerIndex(), batch, Now);
        var perStatement = (GC.GetAllocatedBytesForCurrentThread() - before) / Statements;

        Assert.Equal(batch.Count, validated.Events.Count);
        // What a valid statement must cost: its facts for later events of the batch, its planned event, and their
        // share of the batch's tables: 218 B on 2026-11-30. With the messages formatted eagerly it was 1,377 B.
        Assert.True(perStatement < 400, $"validating a valid statement allocated {perStatement} B");
    }

    // Half assertions, half retractions of them: the retraction checks format the most when they format eagerly.
    private static List<LedgerEvent> ValidBatch()
    {
        var batch = new List<LedgerEvent>
        {
            new ClaimRegistered("claim", "The bridge was destroyed"),
            new ActorRegistered("alice", "Alice Adams", ActorKind.Person),
            new SourceRegistered("paper", "Daily Paper", "Bridge coverage"),
        };
        for (var i = 0; i < Statements / 2; i++)
        {
            batch.Add(new StatementAsserted($"said-{i}", "claim", "alice", SaidAt.Day(2023, 5, 22), "paper"));
            batch.Add(new StatementRetracted($"unsaid-{i}", "claim", "alice",
                SaidAt.Parse("2023-05-22/2023-05-26"), "paper", $"said-{i}"));
        }

        return batch;
    }
}
