using System.CommandLine;
using NodaTime;
using NodaTime.Text;
using Pbr.Cli.Settlement;
using Pbr.Core;
using Pbr.Core.Model;
using Pbr.Engine.Explaining;
using Pbr.Ledger.Postgres.Audit;

namespace Pbr.Cli.Commands;

/// <summary>
/// <c>pbr explain --contract C --participant P [--as-of D] [--known-at K] [--format text|json]</c>: every line
/// ever posted for a participant and what is due now, in plain English or as the <c>pbr.trace.v1</c> JSON trace.
/// </summary>
internal static class ExplainCommand
{
    private static readonly Option<string> s_contract = new("--contract") { Description = "The contract id.", Required = true };
    private static readonly Option<string> s_participant = new("--participant") { Description = "The participant id.", Required = true };
    private static readonly Option<LocalDate?> s_asOf = DateOption.Create("--as-of", "Explain what is due as of this date (default: today in Europe/London).", required: false);
    private static readonly Option<LocalDate?> s_knownAt = DateOption.Create("--known-at", "Use evidence recorded on or before this date (default: the as-of date).", required: false);

    private static readonly Option<string> s_format = new("--format")
    {
        Description = "text or json (the versioned trace pbr.trace.v1, see docs/trace.md).",
        DefaultValueFactory = _ => "text",
    };

    static ExplainCommand() => s_format.AcceptOnlyFromAmong("text", "json");

    public static Command Create(IClock clock)
    {
        var command = new Command("explain", "Explain, in plain English, every line posted for a participant and what is due now.");
        command.Options.Add(s_contract);
        command.Options.Add(s_participant);
        command.Options.Add(s_asOf);
        command.Options.Add(s_knownAt);
        command.Options.Add(s_format);
        command.SetAction((parsed, cancellationToken) =>
        {
            var asOf = parsed.GetValue(s_asOf) ?? clock.GetCurrentInstant().InZone(DateTimeZoneProviders.Tzdb["Europe/London"]).Date;
            return RunAsync(
                new ContractId(parsed.GetValue(s_contract)!), parsed.GetValue(s_participant)!, asOf, parsed.GetValue(s_knownAt) ?? asOf,
                parsed.GetValue(s_format) == "json", cancellationToken);
        });
        return command;
    }

    private static async Task<int> RunAsync(ContractId contract, string participantText, LocalDate asOf, LocalDate knownAt, bool json, CancellationToken cancellationToken)
    {
        var participant = ParticipantId.Parse(participantText);
        if (!participant.Success)
        {
            await Console.Error.WriteLineAsync($"pbr: --participant: {participant.Error}");
            return ExitCodes.InvalidInput;
        }

        return await LedgerSession.UseAsync(
            async session =>
            {
                var trace = await new ParticipantExplainer(session.DataSource).ExplainAsync(contract, participant.Value, asOf, knownAt, cancellationToken);
                if (trace is null)
                {
                    await Console.Error.WriteLineAsync($"pbr: participant {participantText} of contract {contract} is not in the ledger.");
                    return ExitCodes.InvalidInput;
                }

                if (json)
                {
                    using var stdout = Console.OpenStandardOutput();
                    TraceJson.Write(stdout, trace);
                    await stdout.FlushAsync(cancellationToken);
                    await Console.Out.WriteLineAsync();
                }
                else
                {
                    await Console.Out.WriteAsync(TraceText.Render(trace));
                }

                return ExitCodes.Success;
            },
            cancellationToken, role: "pbr_auditor");
    }
}
