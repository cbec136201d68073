using ClaimsLedger;
using ClaimsLedger.Events;
using ClaimsLedger.Mediator;
using Mediator;
using Microsoft.Extensions.Hosting;

namespace PackageConsumer;

/// <summary>Sends the commands, prints the board, then stops the application.</summary>
internal sealed class BoardWorker(ISender sender, IHostApplicationLifetime lifetime, TimeProvider? clock = null)
    : BackgroundService
{
    private const string Claim = "ukraine-behind-raid";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await sender.Send(new RegisterClaim(Claim, "Ukraine directed the Belgorod raid"), stoppingToken);
            await sender.Send(new RegisterActor("podolyak", "Mykhailo Podolyak", ActorKind.Person), stoppingToken);
            await sender.Send(new RegisterActor("russian-mod", "Russian Defence Ministry", ActorKind.Government), stoppingToken);
            await sender.Send(new RegisterSource("article", "Unnamed news outlet", "Managing tensions with friends"), stoppingToken);
            await sender.Send(new RecordDenial("podolyak-denies", Claim, "podolyak", SaidAt.Parse("2023-05-22"), "article")
            {
                Quote = "nothing to do with it",
            }, stoppingToken);
            await sender.Send(new RecordAssertion("mod-blames-kyiv", Claim, "russian-mod", SaidAt.Parse("2023-05-23"), "article"),
                stoppingToken);

            var asOf = AsOf.Now(clock ?? TimeProvider.System).WithSaid(AsOf.ParsePoint("2023-05-24"));
            var board = await sender.Send(new GetBoard(asOf), stoppingToken);
            Console.WriteLine(board.ToText());
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            Console.Error.WriteLine($"the package consumer failed: {e}");
            Environment.ExitCode = 1;
        }
        finally
        {
            lifetime.StopApplication();
        }
    }
}
