using System.Text.Json;
using NodaTime;
using Pbr.Core.Model;
using RulesEngine.Models;

namespace Pbr.Benchmarks.Peers;

/// <summary>
/// The Work Programme tariff in Microsoft RulesEngine 6.0.1, as a team would build it without
/// PbrEngine: the fee table and the taper are rules in <c>work-programme.workflow.json</c>, and the
/// C# glue here turns their outputs and the employment periods into amounts in pence.
/// </summary>
public sealed class RulesEngineTariff
{
    private const string Workflow = "work_programme";
    private readonly global::RulesEngine.RulesEngine _engine;

    /// <summary>Loads the workflow from the JSON file next to the program.</summary>
    public RulesEngineTariff()
    {
        var json = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "work-programme.workflow.json"));
        var workflows = JsonSerializer.Deserialize<Workflow[]>(json)
            ?? throw new InvalidOperationException("The workflow file is empty.");
        _engine = new global::RulesEngine.RulesEngine(workflows, new ReSettings { CustomTypes = [typeof(WpTariff)] });
    }

    /// <summary>Prices one participant as of a date, known at a date; the total of its lines in pence.</summary>
    public long TotalPence(ContractTerms contract, Participant participant, IReadOnlyList<EvidenceVersion> evidence, LocalDate asOf, LocalDate knownAt)
    {
        ArgumentNullException.ThrowIfNull(contract);
        ArgumentNullException.ThrowIfNull(participant);
        var start = participant.StartDate;
        var facts = new WpFacts(
            participant.Attributes["payment_group"],
            start.Month >= 4 ? start.Year : start.Year - 1);

        // RulesEngine is asynchronous only; the benchmark waits, as a batch job would.
        var results = _engine.ExecuteAllRulesAsync(Workflow, facts).GetAwaiter().GetResult();
        WpFees? fees = null;
        int? taperPercent = null;
        foreach (var result in results)
        {
            if (!result.IsSuccess)
            {
                continue;
            }

            if (result.ActionResult?.Exception is { } e)
            {
                throw new InvalidOperationException($"Rule {result.Rule.RuleName} failed.", e);
            }

            switch (result.ActionResult?.Output)
            {
                case WpFees f:
                    fees = f;
                    break;
                case int percent:
                    taperPercent = percent;
                    break;
            }
        }

        if (fees is null || taperPercent is null || start > asOf)
        {
            throw new InvalidOperationException($"No fee or taper rule applies to participant {participant.Id}.");
        }

        var keep = 1 - (contract.Discount.Percent / 100m);
        var total = Round(fees.Attachment * taperPercent.Value / 100m * keep);

        // Job outcome: the day cumulative employment reaches the threshold, within 104 weeks of the start.
        var periods = EmploymentPeriods.Of(evidence, start, asOf, knownAt);
        var windowLast = start.ToDateOnly().DayNumber + 727;
        var cumulative = 0;
        int? jobOutcomeDay = null;
        foreach (var (first, last) in periods)
        {
            var days = last - first + 1;
            if (cumulative + days >= fees.JobOutcomeDays)
            {
                var day = first + (fees.JobOutcomeDays - cumulative) - 1;
                jobOutcomeDay = day <= windowLast ? day : null;
                break;
            }

            cumulative += days;
        }

        if (jobOutcomeDay is not { } jo)
        {
            return total;
        }

        total += Round(fees.JobOutcome * keep);

        // Sustainment: whole 28-day blocks of continuous employment after the job outcome, capped.
        var blocks = 0;
        foreach (var (first, last) in periods)
        {
            if (last > jo)
            {
                blocks += (last - Math.Max(first, jo + 1) + 1) / 28;
            }
        }

        return total + (Math.Min(blocks, fees.SustainmentMax) * Round(fees.Sustainment * keep));
    }

    private static long Round(decimal pence) => (long)Math.Round(pence, MidpointRounding.AwayFromZero);
}
