using System.CommandLine;
using System.Diagnostics;
using Pbr.Cli.Settlement;
using Pbr.Core;
using Pbr.Ledger.Postgres.Settlement;
using Pbr.Ledger.Postgres.Statements;
using Serilog;
using Spectre.Console;

namespace Pbr.Cli.Commands;

/// <summary>
/// <c>pbr settle --as-of D [--known-at K] [--contract C]... [--dry-run] [--lines FILE] [--no-wait]</c>:
/// post, per contract, the difference between what is due and what was posted.
/// Exit 0 settled (also when nothing was new), 1 problems or failure, 2 invalid input, 3 busy with <c>--no-wait</c>.
/// </summary>
internal static class SettleCommand
{
    private static readonly Option<NodaTime.LocalDate?> s_asOf = DateOption.Create("--as-of", "Settle what is due as of this date (yyyy-MM-dd).", required: true);
    private static readonly Option<NodaTime.LocalDate?> s_knownAt = DateOption.Create("--known-at", "Use evidence recorded on or before this date (default: the as-of date).", required: false);

    private static readonly Option<string[]> s_contracts = new("--contract")
    {
        Description = "A contract to settle (repeatable); all contracts in force when none is given.",
        AllowMultipleArgumentsPerToken = false,
    };

    private static readonly Option<bool> s_dryRun = new("--dry-run") { Description = "Compute and write exactly as a real run, then roll back: nothing is posted." };
    private static readonly Option<FileInfo?> s_lines = new("--lines") { Description = "Also write the run's lines to this CSV file." };
    private static readonly Option<decimal?> s_maxClawback = new("--max-clawback-percent")
    {
        Description = "Safety bound: stop for review, posting nothing, if a contract's run would claw back more than this percentage of what it has been paid so far.",
    };

    private static readonly Option<bool> s_noWait = new("--no-wait") { Description = "Exit 3 at once if another run holds a contract, instead of waiting." };

    public static Command Create()
    {
        var command = new Command("settle", "Settle contracts: post the difference between what is due and what the ledger holds.");
        command.Options.Add(s_asOf);
        command.Options.Add(s_knownAt);
        command.Options.Add(s_contracts);
        command.Options.Add(s_dryRun);
        command.Options.Add(s_lines);
        command.Options.Add(s_noWait);
        command.Options.Add(s_maxClawback);
        s_maxClawback.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<decimal?>() is { } percent && (percent < 0m || percent > 100m))
            {
                result.AddError($"--max-clawback-percent: {percent} is not a percentage from 0 to 100");
            }
        });
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var asOf = parsed.GetValue(s_asOf)!.Value;
            var request = new SettleRequest(
                asOf,
                parsed.GetValue(s_knownAt) ?? asOf,
                [.. (parsed.GetValue(s_contracts) ?? []).Select(c => new ContractId(c))],
                parsed.GetValue(s_dryRun),
                parsed.GetValue(s_noWait),
                parsed.GetValue(s_maxClawback) is { } percent ? Rate.FromPercent(percent) : null);
            return await RunAsync(request, parsed.GetValue(s_lines), quiet: false, cancellationToken);
        });
        return command;
    }

    internal static async Task<int> RunAsync(SettleRequest request, FileInfo? linesFile, bool quiet, CancellationToken cancellationToken)
    {
        // Only a statement of the lines needs them after they are posted; without one, a settlement holds one contract's at a time.
        request = request with { KeepLines = linesFile is not null };
        return await LedgerSession.UseAsync(
            async session =>
            {
                if (await session.LoadTariffsOrSayWhyAsync(cancellationToken) is not { } compilation)
                {
                    return ExitCodes.Failure;
                }

                var catalog = LedgerSession.Catalog(compilation);
                var total = request.Contracts.IsDefaultOrEmpty ? catalog.Contracts.Count : request.Contracts.Length;
                var clock = Stopwatch.StartNew();
                var runner = new SettlementRunner(session.DataSource, TransientRetry.Create());
                var outcome = await Terminal.WithProgressAsync(
                    request.DryRun ? "Settling (dry run)" : "Settling",
                    total,
                    progress => runner.SettleAsync(request, catalog, new Progress<ContractId>(_ => progress.Report(1)), cancellationToken));
                return await ReportAsync(outcome, request, linesFile, quiet, clock.Elapsed);
            },
            cancellationToken);
    }

    private static async Task<int> ReportAsync(SettleOutcome outcome, SettleRequest request, FileInfo? linesFile, bool quiet, TimeSpan elapsed)
    {
        switch (outcome.Status)
        {
            case SettleStatus.Busy:
                await Console.Error.WriteLineAsync($"pbr: contract {outcome.Contract} is being settled by another run; nothing was posted. Try again, or leave out --no-wait to wait for it.");
                return ExitCodes.Busy;
            case SettleStatus.UnknownContract:
                await Console.Error.WriteLineAsync($"pbr: contract {outcome.Contract} is not in the published tariffs.");
                return ExitCodes.InvalidInput;
            case SettleStatus.NeedsReview:
                var stopped = outcome.Runs.Single().Plan.Header;
                await Console.Error.WriteLineAsync(
                    $"pbr: contract {outcome.Contract}: this run would claw back {(-stopped.Clawbacks).ToDisplayString()}, more than " +
                    $"{request.MaxClawbackShare!.Value.ToPercentString()} of what the contract has been paid so far; nothing was posted. " +
                    "Review the evidence behind it (pbr settle --dry-run --lines FILE lists every line), then run again with a higher --max-clawback-percent if it is right.");
                return ExitCodes.Failure;
            case SettleStatus.Problems:
                foreach (var problem in outcome.Problems)
                {
                    await Console.Error.WriteLineAsync($"pbr: {problem.Contract}: {problem.Kind} for {problem.Subject}: {problem.Message}");
                }

                await Console.Error.WriteLineAsync($"pbr: {outcome.Problems.Length} problem(s); nothing was posted.");
                return ExitCodes.Failure;
        }

        foreach (var run in outcome.Runs)
        {
            var h = run.Plan.Header;
            Log.Information(
                "Settlement run {RunId} for contract {Contract} as of {AsOf} known at {KnownAt}: {Lines} lines, net {NetPence}p, {Participants} participants, {Evidence} evidence versions, {DryRun}, {ElapsedMs} ms",
                run.RunId?.Value, h.Contract.Value, h.AsOf.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                h.KnownAt.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), h.LineCount, h.Net.Pence,
                h.ParticipantCount, h.EvidenceCount, request.DryRun ? "dry run" : "posted", (long)elapsed.TotalMilliseconds);
        }

        if (linesFile is not null)
        {
            await using var writer = new StreamWriter(linesFile.FullName);
            StatementCsv.Write(writer, outcome.Runs.SelectMany(r => r.Plan.Lines.Select(l => StatementLine.From(r.RunId, l))));
        }

        if (!quiet)
        {
            PrintSummary(outcome, request);
        }

        return ExitCodes.Success;
    }

    private static void PrintSummary(SettleOutcome outcome, SettleRequest request)
    {
        Terminal.WidenWhenRedirected();
        var table = new Table().AddColumns("contract", "run", "participants", "lines", "payments", "clawbacks", "net");
        foreach (var run in outcome.Runs)
        {
            var h = run.Plan.Header;
            table.AddRow(
                Markup.Escape(h.Contract.Value),
                run.RunId?.ToString() ?? "-",
                h.ParticipantCount.ToString(System.Globalization.CultureInfo.InvariantCulture),
                h.LineCount.ToString(System.Globalization.CultureInfo.InvariantCulture),
                h.Payments.ToString(),
                h.Clawbacks.ToString(),
                h.Net.ToString());
        }

        AnsiConsole.Write(table);
        var what = request.DryRun ? "Dry run: nothing was posted" : outcome.Status == SettleStatus.AlreadyCommitted ? "Already committed by an earlier attempt" : null;
        if (what is not null)
        {
            AnsiConsole.WriteLine($"{what}.");
        }
        else if (outcome.LineCount == 0)
        {
            AnsiConsole.WriteLine("Nothing new to post: the ledger already holds everything due.");
        }
        else
        {
            AnsiConsole.WriteLine($"Posted {outcome.LineCount} lines in {outcome.Runs.Count(r => r.RunId is not null)} run(s).");
        }
    }
}
