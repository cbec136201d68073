using System.CommandLine;
using ClaimsLedger.Cli.Rendering;
using ClaimsLedger.Views;

namespace ClaimsLedger.Cli.Commands;

/// <summary><c>board</c>, <c>claim ID</c>, <c>actor ID</c> and <c>timeline</c>: the views, as tables or JSON.</summary>
internal static class ViewCommands
{
    public static Command Board(CliContext context)
    {
        var command = new Command("board", "Who says what about every claim, as of a said time and a recorded time");
        var (asOf, json) = Common(command);
        command.SetAction((result, cancellationToken) => context.WithLedgerAsync(result, forWriting: false, async (ledger, _) =>
        {
            var point = asOf.Read(result, context.Environment.Clock);
            if (result.GetValue(json))
            {
                // Written as it is read: a board of a large ledger is never held whole, as views or as text.
                await context.WriteBoardJsonAsync(point, ledger.ReadBoardAsync(point, cancellationToken), cancellationToken);
                return ExitCodes.Ok;
            }

            var board = await ledger.GetBoardAsync(point, cancellationToken);
            await context.WriteViewAsync(json: false, board, console => ViewTables.Board(console, board));
            return ExitCodes.Ok;
        }, cancellationToken));
        return command;
    }

    public static Command Claim(CliContext context)
    {
        var command = new Command("claim", "Who says what about one claim");
        var id = new Argument<string>("id") { Description = "The claim's id" };
        command.Arguments.Add(id);
        var (asOf, json) = Common(command);
        command.SetAction((result, cancellationToken) => context.WithLedgerAsync(result, forWriting: false, async (ledger, _) =>
        {
            var claim = new ClaimId(result.GetValue(id)!);
            var status = await ledger.GetClaimAsync(claim, asOf.Read(result, context.Environment.Clock), cancellationToken)
                         ?? throw new NotFoundException($"no claim '{claim}' in the ledger (as of the recorded time asked for)");
            await context.WriteViewAsync(result.GetValue(json), status, console => ViewTables.Claim(console, status));
            return ExitCodes.Ok;
        }, cancellationToken, oneClaim: true));
        return command;
    }

    public static Command Actor(CliContext context)
    {
        var command = new Command("actor", "One actor's position on every claim");
        var id = new Argument<string>("id") { Description = "The actor's id" };
        command.Arguments.Add(id);
        var (asOf, json) = Common(command);
        command.SetAction((result, cancellationToken) => context.WithLedgerAsync(result, forWriting: false, async (ledger, _) =>
        {
            var actor = new ActorId(result.GetValue(id)!);
            var view = await ledger.GetActorAsync(actor, asOf.Read(result, context.Environment.Clock), cancellationToken)
                       ?? throw new NotFoundException($"no actor '{actor}' in the ledger (as of the recorded time asked for)");
            await context.WriteViewAsync(result.GetValue(json), view, console => ViewTables.Actor(console, view));
            return ExitCodes.Ok;
        }, cancellationToken));
        return command;
    }

    public static Command Timeline(CliContext context)
    {
        var command = new Command("timeline", "Statements in the order they were said, filtered");
        var claim = new Option<string?>("--claim") { Description = "Only statements about this claim" };
        var actor = new Option<string?>("--actor") { Description = "Only statements by this actor" };
        var incident = new Option<string?>("--incident") { Description = "Only statements about claims with this incident tag" };
        var source = new Option<string?>("--source") { Description = "Only statements reported in this source" };
        var from = new Option<string?>("--from") { Description = "Only statements said at or after this point (a date means its start)" };
        var to = new Option<string?>("--to") { Description = "Only statements said before this point (a date means its end)" };
        foreach (var option in new[] { claim, actor, incident, source, from, to })
        {
            command.Options.Add(option);
        }

        var (asOf, json) = Common(command);
        command.SetAction((result, cancellationToken) => context.WithLedgerAsync(result, forWriting: false, async (ledger, store) =>
        {
            var query = new TimelineQuery
            {
                Claim = result.GetValue(claim) is { } c ? new ClaimId(c) : (ClaimId?)null,
                Actor = result.GetValue(actor) is { } a ? new ActorId(a) : (ActorId?)null,
                Incident = result.GetValue(incident),
                Source = result.GetValue(source) is { } s ? new SourceId(s) : (SourceId?)null,
                From = AsOfOptions.StartPoint(result.GetValue(from), "--from"),
                To = AsOfOptions.Point(result.GetValue(to), "--to"),
            };
            var point = asOf.Read(result, context.Environment.Clock);
            await RequireRegisteredAsync(store, query, point, cancellationToken);
            var timeline = await ledger.GetTimelineAsync(query, point, cancellationToken);
            await context.WriteViewAsync(result.GetValue(json), timeline, console => ViewTables.Timeline(console, timeline));
            return ExitCodes.Ok;
        }, cancellationToken));
        return command;
    }

    // A filter naming a claim, actor or source the ledger does not hold (as of R) is not found, like `claim ID`: an
    // empty timeline would hide a typo.
    private static async Task RequireRegisteredAsync(Storage.IEventReader store, TimelineQuery query, AsOf asOf,
        CancellationToken cancellationToken)
    {
        var filters = new List<(string Kind, string Id, Storage.StreamName Stream)>();
        if (query.Claim is { } claim)
        {
            filters.Add(("claim", claim.Value, Recording.LedgerStreams.Claim(claim)));
        }

        if (query.Actor is { } actor)
        {
            filters.Add(("actor", actor.Value, Recording.LedgerStreams.Actor(actor)));
        }

        if (query.Source is { } source)
        {
            filters.Add(("source", source.Value, Recording.LedgerStreams.Source(source)));
        }

        foreach (var (kind, id, stream) in filters)
        {
            var registered = false;
            await foreach (var first in Storage.EventStoreExtensions.ReadStreamForwardsAsync(store, stream, cancellationToken))
            {
                registered = first.RecordedAt <= asOf.Recorded;
                break;
            }

            if (!registered)
            {
                throw new NotFoundException($"no {kind} '{id}' in the ledger (as of the recorded time asked for)");
            }
        }
    }

    private static (AsOfOptions AsOf, Option<bool> Json) Common(Command command)
    {
        var asOf = new AsOfOptions();
        asOf.AddTo(command);
        var json = new Option<bool>("--json") { Description = "Write the view as JSON (documented in docs/format.md)" };
        command.Options.Add(json);
        return (asOf, json);
    }
}
