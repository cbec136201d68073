using ClaimsLedger.Cli;

using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancel.Cancel();
};
return await ClaimsCli.RunAsync(args, CliEnvironment.FromConsole(), cancel.Token);
