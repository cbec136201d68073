using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.NoEmit;

namespace ClaimsLedger.Benchmarks.Micro;

/// <summary>
/// <c>micro</c>: the BenchmarkDotNet classes of this assembly (BenchmarkSwitcher: <c>--filter</c>, <c>--job</c> and the
/// other BenchmarkDotNet options work). <c>--quick</c> runs each benchmark once, in process, on a 2,000-statement
/// ledger: a smoke test that the benchmarks still run, not a measurement.
/// </summary>
internal static class MicroCommand
{
    public static int Run(string[] args)
    {
        IConfig config = DefaultConfig.Instance;
        if (args.Contains("--quick"))
        {
            args = [.. args.Where(a => a != "--quick")];
            if (!args.Contains("--filter"))
            {
                args = [.. args, "--filter", "*"];
            }

            Environment.SetEnvironmentVariable("CLAIMS_MICRO_STATEMENTS", "2000");
            config = ManualConfig.CreateMinimumViable()
                .AddJob(Job.Dry.WithToolchain(InProcessNoEmitToolchain.Instance))
                .WithOptions(ConfigOptions.DisableLogFile);
        }

        var summaries = BenchmarkSwitcher.FromAssembly(typeof(MicroCommand).Assembly).Run(args, config);
        return summaries.Any(s => s.HasCriticalValidationErrors || s.Reports.Any(r => !r.Success)) ? 1 : 0;
    }
}
