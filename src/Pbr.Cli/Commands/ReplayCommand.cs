using System.CommandLine;
using Pbr.Cli.Settlement;
using Pbr.Core;
using Pbr.Ledger.Postgres.Audit;
using Serilog;
using Spectre.Console;

namespace Pbr.Cli.Commands;

/// <summary>
/// <c>pbr replay --run R | --all</c>: recompute past runs from their recorded inputs with the current
/// engine. Prints <c>identical</c> and exits 0 when every field and hash matches; otherwise shows each
/// difference side by side and exits 1.
/// </summary>
internal static class ReplayCommand
{
    private static readonly Option<long?> s_run = new("--run") { Description = "The run id to replay." };
    private static readonly Option<bool> s_all = new("--all") { Description = "Replay every run ever posted, oldest first." };

    public static Command Create()
    {
        var command = new Command("replay", "Recompute a past run from its recorded inputs and compare it with what was posted, to the penny and the hash.");
        command.Options.Add(s_run);
        command.Options.Add(s_all);
        command.Validators.Add(result =>
        {
            if (result.GetValue(s_run) is null == !result.GetValue(s_all))
            {
                result.AddError("give exactly one of --run R or --all");
            }
        });
        command.SetAction((parsed, cancellationToken) => RunAsync(parsed.GetValue(s_run), cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(long? run, CancellationToken cancellationToken)
    {
        return await LedgerSession.UseAsync(
            async session =>
            {
                var results = await new RunReplayer(session.DataSource).ReplayAsync(run is { } id ? new RunId(id) : null, cancellationToken);
                if (results.IsEmpty)
                {
                    await Console.Error.WriteLineAsync(run is null ? "pbr: no runs have been posted yet." : $"pbr: run {run} not found.");
                    return ExitCodes.InvalidInput;
                }

                foreach (var result in results)
                {
                    Log.Information("Replayed run {Run} of {Contract}: {Differences} differences", result.Run, result.Contract, result.Differences.Length);
                    Show(result);
                }

                return results.All(r => r.Identical) ? ExitCodes.Success : ExitCodes.Failure;
            },
            cancellationToken, role: "pbr_auditor");
    }

    private static void Show(ReplayResult result)
    {
        if (result.Identical)
        {
            Console.Out.WriteLine($"run {result.Run} ({result.Contract}, {result.Lines} lines): identical");
            return;
        }

        Console.Out.WriteLine($"run {result.Run} ({result.Contract}): {result.Differences.Length} differences");
        var table = new Table().AddColumn("what").AddColumn("posted").AddColumn("recomputed now");
        foreach (var difference in result.Differences)
        {
            table.AddRow(Markup.Escape(difference.Subject), Markup.Escape(difference.Posted), Markup.Escape(difference.Recomputed));
        }

        AnsiConsole.Write(table);
    }
}
