using System.CommandLine;
using Pbr.Cli.Reports;
using Pbr.Cli.Settlement;
using Pbr.Core;
using Pbr.Ledger.Postgres.Reports;
using Serilog;

namespace Pbr.Cli.Commands;

/// <summary><c>pbr report --run R --out FILE.html</c>: one self-contained HTML page for a run.</summary>
internal static class ReportCommand
{
    private static readonly Option<long> s_run = new("--run") { Description = "The run id.", Required = true };
    private static readonly Option<FileInfo> s_out = new("--out") { Description = "The HTML file to write.", Required = true };

    private static readonly Option<string> s_groupBy = new("--group-by")
    {
        Description = "The participant attribute to group by (default payment_group).",
        DefaultValueFactory = _ => "payment_group",
    };

    public static Command Create()
    {
        var command = new Command("report", "Write a self-contained HTML report of a run: totals, breakdowns, charts and sortable tables.");
        command.Options.Add(s_run);
        command.Options.Add(s_out);
        command.Options.Add(s_groupBy);
        command.SetAction((parsed, cancellationToken) =>
            RunAsync(new RunId(parsed.GetValue(s_run)), parsed.GetValue(s_out)!, parsed.GetValue(s_groupBy)!, cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(RunId run, FileInfo output, string groupBy, CancellationToken cancellationToken)
    {
        return await LedgerSession.UseAsync(
            async session =>
            {
                var data = await new RunReportStore(session.DataSource).ReadAsync(run, groupBy, largest: 25, cancellationToken);
                if (data is null)
                {
                    await Console.Error.WriteLineAsync($"pbr: run {run} not found.");
                    return ExitCodes.InvalidInput;
                }

                var page = RunReportPage.Render(data, RunCharts.ByOutcome(data), RunCharts.NetByMonth(data));
                await File.WriteAllTextAsync(output.FullName, page, cancellationToken);
                Log.Information("Wrote the report of run {Run} to {File}", run, output.FullName);
                await Console.Out.WriteLineAsync($"report of run {run} ({data.Contract}) written to {output.FullName}");
                return ExitCodes.Success;
            },
            cancellationToken, role: "pbr_auditor");
    }
}
