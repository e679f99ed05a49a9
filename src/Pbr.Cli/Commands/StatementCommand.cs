using System.CommandLine;
using System.Globalization;
using Pbr.Cli.Settlement;
using Pbr.Core;
using Pbr.Engine.Settlement;
using Pbr.Ledger.Postgres.Statements;
using Spectre.Console;

namespace Pbr.Cli.Commands;

/// <summary>
/// <c>pbr statement --run R|latest [--contract C] [--format csv|table]</c>: a provider's statement,
/// the run's lines with the columns of <c>pbr settle --lines</c>, then totals.
/// </summary>
internal static class StatementCommand
{
    private static readonly Option<string> s_run = new("--run") { Description = "A run id, or 'latest' for the latest run of each contract.", Required = true };
    private static readonly Option<string?> s_contract = new("--contract") { Description = "Only this contract." };

    private static readonly Option<string> s_format = new("--format")
    {
        Description = "csv or table.",
        DefaultValueFactory = _ => "table",
    };

    static StatementCommand()
    {
        s_format.AcceptOnlyFromAmong("csv", "table");
        s_run.Validators.Add(result =>
        {
            var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : string.Empty;
            if (text != "latest" && !long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out _))
            {
                result.AddError($"--run: '{text}' is neither a run id nor 'latest'");
            }
        });
    }

    public static Command Create()
    {
        var command = new Command("statement", "Print a provider's statement: the lines of a run, then totals.");
        command.Options.Add(s_run);
        command.Options.Add(s_contract);
        command.Options.Add(s_format);
        command.SetAction((parsed, cancellationToken) => RunAsync(
            parsed.GetValue(s_run)!, parsed.GetValue(s_contract) is { } c ? new ContractId(c) : null, parsed.GetValue(s_format) == "csv", cancellationToken));
        return command;
    }

    internal static async Task<int> RunAsync(string run, ContractId? contract, bool csv, CancellationToken cancellationToken)
    {
        return await LedgerSession.UseAsync(
            async session =>
            {
                var store = new StatementStore(session.DataSource);
                RunId? id = run == "latest" ? null : new RunId(long.Parse(run, CultureInfo.InvariantCulture));
                var runs = await store.FindRunsAsync(id, contract, cancellationToken);
                if (runs.IsEmpty)
                {
                    await Console.Error.WriteLineAsync(id is null ? "pbr: no runs have been posted yet." : $"pbr: run {run} not found{(contract is null ? string.Empty : $" for contract {contract}")}.");
                    return ExitCodes.InvalidInput;
                }

                var lines = new List<StatementLine>();
                foreach (var summary in runs)
                {
                    lines.AddRange(await store.LinesAsync(summary, cancellationToken));
                }

                var payments = Money.Sum(lines.Where(l => l.Kind == LineKind.Payment).Select(l => l.Amount));
                var clawbacks = Money.Sum(lines.Where(l => l.Kind != LineKind.Payment).Select(l => l.Amount));
                if (csv)
                {
                    StatementCsv.Write(Console.Out, lines);
                    Console.Out.Write($"\ntotal,payments,clawbacks,net\ntotal,{payments},{clawbacks},{payments + clawbacks}\n");
                }
                else
                {
                    PrintTable(runs, lines, payments, clawbacks);
                }

                return ExitCodes.Success;
            },
            cancellationToken);
    }

    private static void PrintTable(IReadOnlyList<RunSummary> runs, List<StatementLine> lines, Money payments, Money clawbacks)
    {
        Terminal.WidenWhenRedirected();
        foreach (var run in runs)
        {
            AnsiConsole.WriteLine($"Run {run.Run}  contract {run.Contract}  as of {run.AsOf:yyyy-MM-dd}  known at {run.KnownAt:yyyy-MM-dd}  hash {run.RunHash}");
        }

        Terminal.WidenWhenRedirected();
        var table = new Table();
        foreach (var column in StatementCsv.Columns.Where(c => c is not ("tariff_sha256" or "provider_id")))
        {
            table.AddColumn(column);
        }

        foreach (var l in lines)
        {
            table.AddRow(
                [
                    l.Run?.ToString() ?? string.Empty, l.Contract.Value, l.Participant ?? string.Empty, l.Cohort ?? string.Empty, l.Outcome,
                    l.Instalment.ToString(CultureInfo.InvariantCulture), LineKindText.Format(l.Kind), l.Amount.ToString(),
                    l.DueDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), l.Rule, string.Join(';', l.EvidenceIds),
                ]);
        }

        table.Columns[7].RightAligned();
        AnsiConsole.Write(table);
        AnsiConsole.WriteLine($"{lines.Count} lines   payments {payments.ToDisplayString()}   clawbacks {clawbacks.ToDisplayString()}   net {(payments + clawbacks).ToDisplayString()}");
    }
}
