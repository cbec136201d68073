using ClaimsLedger.Mediator;
using ClaimsLedger.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using PackageConsumer;

// A worker that records the Belgorod raid coverage through the mediator into a temporary SQLite file, reacts when a
// claim becomes contested, prints the board and exits.
var file = Path.Combine(Path.GetTempPath(), $"package-consumer-{Guid.NewGuid():N}.db");
var builder = Host.CreateApplicationBuilder(args);
builder.Logging.SetMinimumLevel(LogLevel.Warning);
builder.Services
    .AddMediator()
    .AddClaimsLedger(builder.Configuration.GetSection("ClaimsLedger"), ledger => ledger
        .UseSqlite(file)
        .PublishToMediator())
    .Services
    .AddHostedService<BoardWorker>();

try
{
    await builder.Build().RunAsync();
}
finally
{
    foreach (var leftover in Directory.GetFiles(Path.GetTempPath(), Path.GetFileName(file) + "*"))
    {
        File.Delete(leftover);
    }
}
