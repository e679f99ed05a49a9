using System.CommandLine;
using Pbr.Cli.Settlement;
using Pbr.Ledger.Postgres.Audit;
using Serilog;

namespace Pbr.Cli.Commands;

/// <summary>
/// <c>pbr verify</c>: recompute every line hash and each contract's chain of run hashes, and check each
/// run's counts and control totals against its lines. Exit 0 only when everything holds, 1 otherwise.
/// </summary>
internal static class VerifyCommand
{
    public static Command Create()
    {
        var command = new Command("verify", "Check the ledger: every line hash, every run hash, each contract's chain, and each run's counts and totals.");
        command.SetAction((_, cancellationToken) => RunAsync(cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        return await LedgerSession.UseAsync(
            async session =>
            {
                var report = await new LedgerVerifier(session.DataSource).VerifyAsync(cancellationToken);
                Log.Information("Verified {Runs} runs and {Lines} lines: {Findings} findings", report.Runs, report.Lines, report.Findings.Length);
                foreach (var finding in report.Findings)
                {
                    await Console.Out.WriteLineAsync($"{Label(finding.Kind)}: {finding}");
                }

                await Console.Out.WriteLineAsync(report.Holds
                    ? $"ledger verified: {report.Runs} runs, {report.Lines} lines, every hash, chain link and total holds."
                    : $"ledger NOT verified: {report.Findings.Length} findings in {report.Runs} runs, {report.Lines} lines.");
                return report.Holds ? ExitCodes.Success : ExitCodes.Failure;
            },
            cancellationToken, role: "pbr_auditor");
    }

    private static string Label(FindingKind kind) => kind switch
    {
        FindingKind.AlteredLine => "altered line",
        FindingKind.AlteredRun => "altered run",
        FindingKind.BrokenChain => "broken chain",
        FindingKind.ControlTotals => "counts or totals differ",
        _ => kind.ToString(),
    };
}
