using System.Collections.Immutable;
using NodaTime;
using Pbr.Core;
using Pbr.Core.Model;
using Pbr.Dsl.Binding;

namespace Pbr.Dsl.Compilation;

internal sealed partial class CompiledScheme
{
    private List<Due> DueDates(
        CompiledOutcome outcome, Participant participant, LocalDate asOf, LocalDate?[] firstDue, Func<string, SpellTimeline> timeline, object?[] frame)
    {
        var start = participant.StartDate;
        var dues = new List<Due>();
        switch (outcome.Bound.Trigger)
        {
            case BoundOnStart:
                if (start <= asOf)
                {
                    dues.Add(new Due(start, "due on the start date " + Text.Date(start), []));
                }

                break;

            case BoundThreshold threshold:
            {
                var days = outcome.Reaches!(frame);
                var within = outcome.Within!(frame);
                var lastDay = start.PlusDays(checked((int)(within - 1)));
                var spells = timeline(threshold.Evidence);
                var mode = threshold.Continuous ? "continuous" : "cumulative";
                if (spells.FirstDayReaching(days, threshold.Continuous) is { } day && day <= lastDay && day <= asOf)
                {
                    var from = threshold.Continuous ? day.PlusDays(checked((int)(1 - days))) : start;
                    dues.Add(new Due(
                        day,
                        $"due when {mode} {threshold.Evidence} since the start date {Text.Date(start)} reaches {days} days, no later than {Text.Date(lastDay)} (start + {within} days - 1 day): reached on {Text.Date(day)}",
                        [.. spells.SpellsWithin(from, day).Select(s => s.Version)]));
                }

                break;
            }

            case BoundRecurring recurring:
            {
                if (recurring.After < 0 || firstDue[recurring.After] is not { } afterDue)
                {
                    break;
                }

                var every = outcome.Every!(frame);
                var max = outcome.AtMost!(frame);
                var spells = timeline(recurring.Evidence);
                var afterName = _bound.Outcomes[recurring.After].Name;
                foreach (var (blockStart, due) in spells.Blocks(afterDue.PlusDays(1), every, max))
                {
                    if (due > asOf)
                    {
                        break;
                    }

                    dues.Add(new Due(
                        due,
                        $"due on completing {every} consecutive days of {recurring.Evidence} ({Text.Date(blockStart)} to {Text.Date(due)}), counted from the day after {afterName} fell due on {Text.Date(afterDue)}; at most {max} instalments",
                        [.. spells.SpellsWithin(blockStart, due).Select(s => s.Version)]));
                }

                break;
            }
        }

        return dues;
    }

    private Entitlement? Price(
        ContractTerms contract,
        Participant participant,
        CompiledOutcome outcome,
        int instalment,
        Due due,
        object?[] frame,
        CompiledTable.Row?[] rows,
        CompiledTaper.Step?[] steps,
        decimal discount)
    {
        var fee = outcome.Pay(frame);
        var (amount, explanation) = Explain(
            outcome.Bound.Rounding,
            fee,
            discount,
            outcome.Location,
            $"{outcome.Name} instalment {instalment}, rule at {outcome.Location}: {due.Description}",
            outcome.Bound.PayText,
            TableSteps(outcome.Bound.Uses, rows, steps),
            due.Evidence);
        if (amount.Pence == 0)
        {
            return null;
        }

        return new Entitlement(
            contract.Id,
            participant.Id,
            null,
            outcome.Name,
            instalment,
            amount,
            due.Date,
            [.. due.Evidence.Select(v => v.Id).Distinct().Order()],
            outcome.Name,
            explanation);
    }

    private static IEnumerable<ExplanationStep> TableSteps(BoundUses uses, CompiledTable.Row?[] rows, CompiledTaper.Step?[] steps)
    {
        foreach (var (table, column) in uses.Cells)
        {
            yield return new ExplanationStep("table", rows[table]!.CellText[column]);
        }

        foreach (var taper in uses.Tapers)
        {
            yield return new ExplanationStep("table", steps[taper]!.Text);
        }
    }

    /// <summary>
    /// Applies the discount and the rounding to an amount in (possibly fractional) pence, and writes
    /// the explanation: the rule, the figures read, the evidence, the arithmetic, the rounding.
    /// </summary>
    private (Money Amount, Explanation Explanation) Explain(
        Rounding rounding,
        decimal fee,
        decimal discount,
        string location,
        string rule,
        string payText,
        IEnumerable<ExplanationStep> figures,
        IReadOnlyList<EvidenceVersion> evidence)
    {
        var unrounded = discount == 0m ? fee : fee * (1m - discount);
        var amount = new UnroundedMoney(unrounded).Round(rounding);
        var steps = ImmutableArray.CreateBuilder<ExplanationStep>();
        steps.Add(new ExplanationStep("rule", rule));
        steps.AddRange(figures);
        foreach (var v in evidence)
        {
            var isEvent = _bound.EvidenceKinds.Any(k => k.Name == v.Kind && k.Shape == EvidenceShape.Event);
            var dates = isEvent
                ? "on " + Text.Date(v.StartDate)
                : $"from {Text.Date(v.StartDate)} to {(v.EndDate is { } e ? Text.Date(e) : "(open)")}";
            steps.Add(new ExplanationStep("evidence", $"{v.Kind} {v.Id}: {dates}, {v.Status.ToString().ToLowerInvariant()}, recorded {Text.Date(v.RecordedOn)}"));
        }

        steps.Add(new ExplanationStep("arithmetic", $"{payText} = £{Text.UnroundedPounds(fee)}"));
        if (discount != 0m)
        {
            steps.Add(new ExplanationStep(
                "arithmetic",
                $"less the contract's discount of {Text.Percent(discount)}: £{Text.UnroundedPounds(fee)} × {Text.Percent(1m - discount)} = £{Text.UnroundedPounds(unrounded)}"));
        }

        steps.Add(new ExplanationStep("rounding", $"£{Text.UnroundedPounds(unrounded)} rounded {Text.Rounding(rounding)} to the penny: {amount.ToDisplayString()}"));
        return (amount, new Explanation(location, steps.ToImmutable(), Text.UnroundedPounds(unrounded), rounding));
    }

    private List<Entitlement> ApplyParticipantCaps(List<Entitlement> lines, object?[] frame)
    {
        foreach (var cap in _caps.Where(c => !c.Bound.PerCohort))
        {
            lines = ApplyCap(cap, lines, frame);
        }

        return lines;
    }

    /// <summary>
    /// Cuts lines so their total stays within the cap: outcomes in the declared order, then by due
    /// date and instalment; a line that would pass the cap gets what is left, later lines nothing.
    /// </summary>
    private List<Entitlement> ApplyCap(CompiledCap cap, List<Entitlement> lines, object?[] frame)
    {
        var limit = cap.Amount(frame);
        var names = cap.Bound.Order.Select(i => cap.Bound.PerCohort ? _bound.CohortOutcomes[i].Name : _bound.Outcomes[i].Name).ToList();
        var capped = lines
            .Where(l => names.Contains(l.Outcome))
            .OrderBy(l => names.IndexOf(l.Outcome))
            .ThenBy(l => l.DueDate)
            .ThenBy(l => l.Instalment)
            .ToList();
        var result = lines.Where(l => !names.Contains(l.Outcome)).ToList();
        var used = 0L;
        foreach (var line in capped)
        {
            var left = Math.Max(0, limit - used);
            if (line.Amount.Pence <= left)
            {
                used = checked(used + line.Amount.Pence);
                result.Add(line);
                continue;
            }

            used = limit;
            if (left == 0)
            {
                continue;
            }

            var step = new ExplanationStep(
                "cap",
                $"cap {cap.Bound.AmountText} = {Text.Pounds(limit)} per {(cap.Bound.PerCohort ? "cohort" : "participant")}, allocated in order {string.Join(", ", names)}: {line.Amount.ToDisplayString()} cut to the {Text.Pounds(left)} left");
            result.Add(line with
            {
                Amount = Money.FromPence(left),
                Explanation = line.Explanation with { Steps = line.Explanation.Steps.Add(step) },
            });
        }

        return result;
    }

    private sealed record Due(LocalDate Date, string Description, IReadOnlyList<EvidenceVersion> Evidence);
}
