using System.CommandLine;

namespace ClaimsLedger.Cli.Commands;

/// <summary><c>diff</c>: what changed between two as-of points.</summary>
internal static class DiffCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command("diff", "What changed between two as-of points: positions, investigations, corrections");
        var from = new Option<string>("--from") { Description = "Said time of the earlier point", Required = true };
        var to = new Option<string>("--to") { Description = "Said time of the later point", Required = true };
        var fromRecorded = new Option<string?>("--from-recorded") { Description = "Recorded time of the earlier point (default now)" };
        var toRecorded = new Option<string?>("--to-recorded") { Description = "Recorded time of the later point (default now)" };
        var possibly = new Option<bool>("--possibly") { Description = "Also count statements only possibly said by each point" };
        var json = new Option<bool>("--json") { Description = "Write the diff as JSON" };
        foreach (var option in new Option[] { from, to, fromRecorded, toRecorded, possibly, json })
        {
            command.Options.Add(option);
        }

        command.SetAction((result, cancellationToken) => context.WithLedgerAsync(result, forWriting: false, async (ledger, _) =>
        {
            var now = context.Environment.Clock.GetUtcNow();
            var inclusion = result.GetValue(possibly) ? SaidInclusion.PossiblySaid : SaidInclusion.CertainlySaid;
            var before = new AsOf(AsOfOptions.Point(result.GetValue(from), "--from")!.Value,
                AsOfOptions.Point(result.GetValue(fromRecorded), "--from-recorded") ?? now, inclusion);
            var after = new AsOf(AsOfOptions.Point(result.GetValue(to), "--to")!.Value,
                AsOfOptions.Point(result.GetValue(toRecorded), "--to-recorded") ?? now, inclusion);
            var diff = await ledger.DiffAsync(before, after, cancellationToken);
            if (result.GetValue(json))
            {
                await context.Environment.Out.WriteLineAsync(diff.ToJson());
            }
            else
            {
                await context.Environment.Out.WriteAsync(diff.ToText());
            }

            return ExitCodes.Ok;
        }, cancellationToken));
        return command;
    }
}
