using ClaimsLedger.Conformance;
using ClaimsLedger.Events;
using ClaimsLedger.Storage;
using Microsoft.Extensions.Logging;

namespace ClaimsLedger.Mediator.Tests;

/// <summary>A LedgerEventAppended notification for every appended event; none for rejected or unchanged batches.</summary>
public sealed class NotificationTests
{
    [Fact]
    public async Task Every_appended_event_is_published_once_with_its_entry_in_global_order()
    {
        await using var app = await MediatorHost.StartAsync();

        await app.Mediator.Send(new RecordEvents(SampleEvents.Uncontested));

        var stored = await app.Ledger.Store.ReadAllForwardsAsync(GlobalPosition.Start).ToListAsync();
        var published = app.Notifications.Appended;
        Assert.Equal(stored.Select(e => (e.Position, e.Stream, e.StreamVersion, e.RecordedAt)),
            published.Select(n => (n.Position, n.Entry.Stream, n.Entry.StreamVersion, n.Entry.RecordedAt)));
        Assert.Equal(SampleEvents.Uncontested.ToHashSet(), published.Select(n => n.Event).ToHashSet());
    }

    [Fact]
    public async Task Events_recorded_on_the_ledger_directly_are_published_too()
    {
        await using var app = await MediatorHost.StartAsync();

        await app.Ledger.RecordAsync(SampleEvents.Uncontested);

        Assert.Equal(5, app.Notifications.Appended.Count);
    }

    [Fact]
    public async Task Nothing_is_published_for_a_rejected_command()
    {
        await using var app = await MediatorHost.StartAsync();

        await Assert.ThrowsAsync<LedgerValidationException>(async () =>
            await app.Mediator.Send(new RecordEvents([SampleEvents.Denial])));

        Assert.Empty(app.Notifications.Appended);
    }

    [Fact]
    public async Task Nothing_is_published_for_a_batch_already_recorded()
    {
        await using var app = await MediatorHost.StartAsync();
        await app.SeedAsync(SampleEvents.Uncontested);

        await app.Mediator.Send(new RecordEvents(SampleEvents.Uncontested));

        Assert.Empty(app.Notifications.Appended);
    }

    [Fact]
    public async Task An_application_handler_notices_when_a_claim_becomes_contested()
    {
        await using var app = await MediatorHost.StartAsync();
        await app.Mediator.Send(new RecordEvents(SampleEvents.Uncontested));
        Assert.Empty(app.Notifications.BecameContested);

        var assertion = SampleEvents.Assertion;
        await app.Mediator.Send(new RecordAssertion(assertion.Id, assertion.Claim, assertion.Actor, assertion.SaidAt,
            assertion.Source));

        Assert.Equal([new ClaimId(SampleEvents.Claim)], app.Notifications.BecameContested);
    }

    [Fact]
    public async Task A_failing_handler_does_not_fail_the_command_that_recorded_the_event_and_is_logged()
    {
        await using var app = await MediatorHost.StartAsync();
        app.Notifications.FailNext = true;

        var result = await app.Mediator.Send(new RegisterClaim("claim-x", "Something happened"));

        Assert.Equal(1, result.Appended);
        var last = await app.Ledger.Store.ReadLastAsync();
        Assert.IsType<ClaimRegistered>(Assert.Single(app.Notifications.Appended, n => n.Position == last!.Position).Event);
        var failure = Assert.Single(app.Logs.WithId(6));
        Assert.Equal(LogLevel.Error, failure.Level);
        Assert.Equal("ClaimsLedger.Ledger", failure.Category);
        Assert.Contains("the application's handler broke", Flatten(failure.Exception), StringComparison.Ordinal);
        Assert.Contains($"positions {last!.Position} to {last.Position}", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_handler_failing_on_one_entry_of_a_batch_still_gets_the_rest_of_the_batch_published()
    {
        await using var app = await MediatorHost.StartAsync();
        app.Notifications.FailNext = true;

        await app.Mediator.Send(new RecordEvents(SampleEvents.Uncontested));

        var stored = await app.Ledger.Store.ReadAllForwardsAsync(GlobalPosition.Start).ToListAsync();
        Assert.Equal(stored.Select(e => e.Position), app.Notifications.Appended.Select(n => n.Position));
        Assert.Single(app.Logs.WithId(6));
    }

    private static string Flatten(Exception? error) => error switch
    {
        null => string.Empty,
        AggregateException all => string.Join(" | ", all.Flatten().InnerExceptions.Select(Flatten)),
        _ => error.Message + " | " + Flatten(error.InnerException),
    };
}
