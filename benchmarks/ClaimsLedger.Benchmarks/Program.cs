using ClaimsLedger.Benchmarks.Commands;
using ClaimsLedger.Benchmarks.Micro;
using ClaimsLedger.Benchmarks.Ours;

// ClaimsLedger.Benchmarks: `bench` (the issue 8 table), `growth` (cost by ledger size), `hash-chain` (what the
// integrity chain costs on SQLite), `decode` (the rebuild's decoder on a whole ledger), `micro` (BenchmarkDotNet).
// Exit codes: 0 done (missed targets included: they are printed, not failed), 2 bad arguments, 1 anything thrown.
var command = args.FirstOrDefault();
BenchOptions? options = null;
if (command is "bench" or "growth" or "hash-chain" or "decode")
{
    try
    {
        options = BenchOptions.Parse(args[1..]);
        CallTimer.WarmupTime = options.Quick ? TimeSpan.Zero : CallTimer.WarmupTime;
    }
    catch (ArgumentException e)
    {
        await Console.Error.WriteLineAsync($"ClaimsLedger.Benchmarks: {e.Message}");
        return Usage();
    }
}

return command switch
{
    "bench" => await BenchCommand.RunAsync(options!, CancellationToken.None),
    "growth" => await GrowthCommand.RunAsync(options!, CancellationToken.None),
    "hash-chain" => await HashChainCommand.RunAsync(options!, CancellationToken.None),
    "decode" => await DecodeCommand.RunAsync(options!, CancellationToken.None),
    "micro" => MicroCommand.Run(args[1..]),
    OpenProbe.Command => await OpenProbe.RunChildAsync(args),
    RebuildParts.Command => await RebuildParts.RunAsync(args),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: dotnet run -c Release --project benchmarks/ClaimsLedger.Benchmarks -- COMMAND ...");
    Console.Error.WriteLine(BenchOptions.Usage);
    return 2;
}
