using System.CommandLine;
using System.Globalization;
using NodaTime;
using NodaTime.Text;
using Pbr.Cli.Settlement;
using Pbr.Core;
using Pbr.Engine.Reconciliation;
using Pbr.Ledger.Postgres.Reconciliation;
using Serilog;
using Spectre.Console;

namespace Pbr.Cli.Commands;

/// <summary>
/// <c>pbr reconcile --contract C --claims FILE [--as-of D] [--out FILE]</c>: a provider's claims against
/// the ledger. Exit 0 when everything matches, 1 when anything differs, 2 when the claims file is bad.
/// </summary>
internal static class ReconcileCommand
{
    private static readonly Option<string> s_contract = new("--contract") { Description = "The contract id.", Required = true };
    private static readonly Option<FileInfo> s_claims = new("--claims") { Description = "The claims CSV: participant_id, outcome, instalment, amount, claimed_on.", Required = true };
    private static readonly Option<LocalDate?> s_asOf = DateOption.Create("--as-of", "Compare with the runs settled as of this date (default: today in Europe/London).", required: false);
    private static readonly Option<FileInfo?> s_out = new("--out") { Description = "Write every difference to this CSV file." };

    public static Command Create(IClock clock)
    {
        var command = new Command("reconcile", "Compare a provider's claims file with the ledger, with the engine's reason for every difference.");
        command.Options.Add(s_contract);
        command.Options.Add(s_claims);
        command.Options.Add(s_asOf);
        command.Options.Add(s_out);
        command.SetAction((parsed, cancellationToken) => RunAsync(
            new ContractId(parsed.GetValue(s_contract)!),
            parsed.GetValue(s_claims)!,
            parsed.GetValue(s_asOf) ?? clock.GetCurrentInstant().InZone(DateTimeZoneProviders.Tzdb["Europe/London"]).Date,
            parsed.GetValue(s_out),
            cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(ContractId contract, FileInfo claimsFile, LocalDate asOf, FileInfo? output, CancellationToken cancellationToken)
    {
        if (!claimsFile.Exists)
        {
            await Console.Error.WriteLineAsync($"pbr: {claimsFile.FullName}: no such file");
            return ExitCodes.InvalidInput;
        }

        Engine.Import.ImportResult<Claim> read;
        using (var stream = claimsFile.OpenRead())
        {
            read = ClaimsReader.Read(stream, claimsFile.Name);
        }

        if (!read.IsClean)
        {
            foreach (var problem in read.Problems)
            {
                await Console.Error.WriteLineAsync(problem.ToString());
            }

            await Console.Error.WriteLineAsync($"pbr: {claimsFile.Name}: {read.Problems.Length} problems; nothing was compared.");
            return ExitCodes.InvalidInput;
        }

        return await LedgerSession.UseAsync(
            async session =>
            {
                var (compilation, tariffError) = await session.LoadTariffsAsync(cancellationToken);
                var terms = compilation?.Contracts.FirstOrDefault(c => c.Id == contract);
                if (compilation is null || terms is null)
                {
                    await Console.Error.WriteLineAsync($"pbr: {tariffError ?? $"no published tariff declares contract {contract}"}");
                    return ExitCodes.InvalidInput;
                }

                var inputs = await new ReconcileStore(session.DataSource).ReadAsync(contract, asOf, cancellationToken);
                var report = Reconciler.Reconcile(
                    terms, compilation.Scheme(terms.Scheme), [.. read.Rows.Select(r => r.Value)], inputs.Balances, inputs.Participants, inputs.Evidence, asOf);
                Log.Information("Reconciled {Claims} claims of {Contract}: {Differences} differences", read.Rows.Length, contract, report.Entries.Count(e => e.Status != ReconcileStatus.Matched));
                Summarise(report);
                if (output is not null)
                {
                    await WriteDifferencesAsync(output, report);
                }

                return report.AllMatched ? ExitCodes.Success : ExitCodes.Failure;
            },
            cancellationToken, role: "pbr_auditor");
    }

    private static void Summarise(ReconcileReport report)
    {
        Console.Out.WriteLine($"{report.Contract} as of {LocalDatePattern.Iso.Format(report.AsOf)}: " +
            $"{report.Count(ReconcileStatus.Matched)} matched, {report.Count(ReconcileStatus.NotInLedger)} claimed but not in the ledger, " +
            $"{report.Count(ReconcileStatus.NotClaimed)} in the ledger but not claimed, {report.Count(ReconcileStatus.AmountDiffers)} amounts differ");
        var differences = report.Entries.Where(e => e.Status != ReconcileStatus.Matched).ToList();
        if (differences.Count == 0)
        {
            return;
        }

        var table = new Table().AddColumns("status", "participant", "outcome", "instalment", "claimed", "ledger", "reason");
        foreach (var entry in differences.Take(50))
        {
            table.AddRow(DifferencesCsv.StatusText(entry.Status), Markup.Escape(entry.Participant.Value), Markup.Escape(entry.Outcome),
                entry.Instalment.ToString(CultureInfo.InvariantCulture), entry.Claimed?.ToString() ?? "", entry.Ledger.ToString(), Markup.Escape(entry.Reason));
        }

        AnsiConsole.Write(table);
        if (differences.Count > 50)
        {
            Console.Out.WriteLine($"... and {differences.Count - 50} more; --out FILE writes them all.");
        }
    }

    private static async Task WriteDifferencesAsync(FileInfo output, ReconcileReport report)
    {
        await using var writer = new StreamWriter(output.FullName);
        DifferencesCsv.Write(writer, report);
    }
}
