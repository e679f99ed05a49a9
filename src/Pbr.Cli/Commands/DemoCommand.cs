using System.CommandLine;
using NodaTime;
using Pbr.Cli.Settlement;
using Pbr.Core;
using Pbr.Engine.Settlement;
using Pbr.Ledger.Postgres.Settlement;
using Pbr.Ledger.Postgres.Statements;
using Spectre.Console;

namespace Pbr.Cli.Commands;

/// <summary>
/// <c>pbr demo</c>: the first experience for a newcomer. On the embedded database (or the server
/// <c>PBR_DATABASE_URL</c> names) it publishes the sample schemes, imports their data, settles month by
/// month over the first two years of every contract, and prints a summary per contract and the
/// last statement. Safe to run twice: the second run publishes, loads and posts nothing.
/// </summary>
internal static class DemoCommand
{
    private const int Months = 24;

    private static readonly Option<DirectoryInfo?> s_samples = new("--samples")
    {
        Description = "The samples folder (default: the repository's samples/, found from the current folder or the tool's).",
    };

    public static Command Create()
    {
        var command = new Command("demo", "Bring up the embedded database, publish the sample schemes, settle them month by month and print statements.");
        command.Options.Add(s_samples);
        command.SetAction((parsed, cancellationToken) => RunAsync(parsed.GetValue(s_samples), cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(DirectoryInfo? samples, CancellationToken cancellationToken)
    {
        Terminal.WidenWhenRedirected();
        samples ??= FindSamples();
        if (samples is null || !samples.Exists)
        {
            await Console.Error.WriteLineAsync("pbr: the samples folder was not found; run from the repository, or give --samples DIR.");
            return ExitCodes.InvalidInput;
        }

        // Only folders with a tariff source: their CSVs name contracts that the tariffs declare.
        var folders = samples.GetDirectories().Where(d => d.GetFiles("*.pbr").Length > 0).OrderBy(d => d.Name, StringComparer.Ordinal).ToList();
        var tariffs = folders.SelectMany(d => d.GetFiles("*.pbr")).ToList();
        AnsiConsole.WriteLine($"Publishing {tariffs.Count} sample tariff(s): {string.Join(", ", tariffs.Select(t => t.Name))}");
        var code = await TariffCommand.PublishAsync(tariffs, cancellationToken);
        if (code != ExitCodes.Success)
        {
            return code;
        }

        foreach (var folder in folders)
        {
            foreach (var kind in new[] { "participants", "evidence" })
            {
                var file = new FileInfo(Path.Combine(folder.FullName, kind + ".csv"));
                if (file.Exists)
                {
                    code = await ImportCommand.RunAsync(kind, file, skipBadRows: false, rejects: null, quiet: false, cancellationToken);
                    if (code != ExitCodes.Success)
                    {
                        return code;
                    }
                }
            }
        }

        return await SettleMonthlyAsync(cancellationToken);
    }

    private static async Task<int> SettleMonthlyAsync(CancellationToken cancellationToken)
    {
        var exit = await LedgerSession.UseAsync(
            async session =>
            {
                if (await session.LoadTariffsOrSayWhyAsync(cancellationToken) is not { } compilation)
                {
                    return ExitCodes.Failure;
                }

                var catalog = LedgerSession.Catalog(compilation);
                // Every contract gets its first two years: from the earliest start to two years after the latest.
                var first = catalog.Contracts.Min(c => c.StartsOn).With(DateAdjusters.EndOfMonth);
                var last = catalog.Contracts.Max(c => c.StartsOn).PlusMonths(Months - 1).With(DateAdjusters.EndOfMonth);
                var monthEnds = new List<LocalDate>();
                for (var month = first; month <= last; month = month.PlusDays(1).With(DateAdjusters.EndOfMonth))
                {
                    monthEnds.Add(month);
                }

                // Resume after the last month already settled: settling an earlier as-of date again would
                // (rightly, by the delta rule) take back what fell due since, which is not what a rerun means.
                var settled = await new StatementStore(session.DataSource).FindRunsAsync(null, null, cancellationToken);
                if (!settled.IsEmpty)
                {
                    var settledUpTo = settled.Max(r => r.AsOf);
                    monthEnds = [.. monthEnds.Where(m => m > settledUpTo)];
                }

                var runner = new SettlementRunner(session.DataSource, TransientRetry.Create());
                var totals = new SortedDictionary<ContractId, (int Runs, int Lines, Money Payments, Money Clawbacks)>();
                var outcome = await Terminal.WithProgressAsync($"Settling {monthEnds.Count} months", monthEnds.Count, async progress =>
                {
                    foreach (var monthEnd in monthEnds)
                    {
                        var result = await runner.SettleAsync(new SettleRequest(monthEnd, monthEnd, [], DryRun: false, NoWait: false, KeepLines: false), catalog, cancellationToken: cancellationToken);
                        if (result.Status is not (SettleStatus.Settled or SettleStatus.AlreadyCommitted))
                        {
                            return result;
                        }

                        foreach (var run in result.Runs)
                        {
                            var h = run.Plan.Header;
                            var t = totals.GetValueOrDefault(run.Contract);
                            totals[run.Contract] = (t.Runs + (run.RunId is null ? 0 : 1), t.Lines + h.LineCount, t.Payments + h.Payments, t.Clawbacks + h.Clawbacks);
                        }

                        progress.Report(1);
                    }

                    return null;
                });
                if (outcome is not null)
                {
                    foreach (var problem in outcome.Problems)
                    {
                        await Console.Error.WriteLineAsync($"pbr: {problem.Contract}: {problem.Kind} for {problem.Subject}: {problem.Message}");
                    }

                    await Console.Error.WriteLineAsync($"pbr: the demo stopped: settlement ended {outcome.Status}.");
                    return ExitCodes.Failure;
                }

                if (monthEnds.Count == 0)
                {
                    AnsiConsole.WriteLine($"Every month up to {last:yyyy-MM-dd} is already settled: nothing was posted (the demo is safe to run again).");
                }
                else
                {
                    PrintSummary(monthEnds[0], monthEnds[^1], totals);
                }

                return ExitCodes.Success;
            },
            cancellationToken);
        if (exit != ExitCodes.Success)
        {
            return exit;
        }

        AnsiConsole.WriteLine();
        AnsiConsole.WriteLine("The latest statement of each contract (pbr statement --run latest):");
        return await StatementCommand.RunAsync("latest", null, csv: false, cancellationToken);
    }

    private static void PrintSummary(LocalDate from, LocalDate to, SortedDictionary<ContractId, (int Runs, int Lines, Money Payments, Money Clawbacks)> totals)
    {
        Terminal.WidenWhenRedirected();
        AnsiConsole.WriteLine($"Settled month by month from {from:yyyy-MM-dd} to {to:yyyy-MM-dd}. Posted by this demo run:");
        var table = new Table().AddColumns("contract", "runs", "lines", "payments", "clawbacks", "net");
        foreach (var (contract, t) in totals)
        {
            table.AddRow(
                Markup.Escape(contract.Value), t.Runs.ToString(System.Globalization.CultureInfo.InvariantCulture), t.Lines.ToString(System.Globalization.CultureInfo.InvariantCulture),
                t.Payments.ToDisplayString(), t.Clawbacks.ToDisplayString(), (t.Payments + t.Clawbacks).ToDisplayString());
        }

        AnsiConsole.Write(table);
        if (totals.Values.All(t => t.Lines == 0))
        {
            AnsiConsole.WriteLine("Nothing new was posted: the ledger already held every month (the demo is safe to run again).");
        }
    }

    private static DirectoryInfo? FindSamples()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = new DirectoryInfo(Path.Combine(dir.FullName, "samples"));
                if (candidate.Exists && candidate.GetDirectories().Any(d => d.GetFiles("*.pbr").Length > 0))
                {
                    return candidate;
                }
            }
        }

        return null;
    }
}
