using System.Collections.Immutable;
using NodaTime;
using Pbr.Core;
using Pbr.Core.Model;
using Pbr.Dsl.Binding;

namespace Pbr.Dsl.Compilation;

internal sealed partial class CompiledScheme
{
    /// <summary>Adds a raw line for every due date of the outcome's trigger (figures come later).</summary>
    private void AddDueLines(CompiledOutcome outcome, int start, int asOf, Workspace ws)
    {
        var index = outcome.Bound.Index;
        switch (outcome.Bound.Trigger)
        {
            case BoundOnStart:
                if (start <= asOf)
                {
                    ws.Lines.Add(new RawLine { Outcome = index, Instalment = 1, Due = start, From = start, CutFromPence = -1 });
                    ws.FirstDue[index] = start;
                }

                break;

            case BoundThreshold threshold:
            {
                var days = outcome.Reaches!(ws.Frame);
                var within = outcome.Within!(ws.Frame);
                var lastDay = checked(start + within - 1);
                var day = Timeline(ws, threshold.Evidence, start, asOf).FirstDayReaching(days, threshold.Continuous);
                if (day >= 0 && day <= lastDay && day <= asOf)
                {
                    var from = threshold.Continuous ? checked((int)(day - days + 1)) : start;
                    ws.Lines.Add(new RawLine { Outcome = index, Instalment = 1, Due = day, From = from, Threshold = days, Limit = within, CutFromPence = -1 });
                    ws.FirstDue[index] = day;
                }

                break;
            }

            case BoundRecurring recurring:
            {
                if (recurring.After < 0 || ws.FirstDue[recurring.After] < 0)
                {
                    break;
                }

                var afterDue = ws.FirstDue[recurring.After];
                var every = outcome.Every!(ws.Frame);
                var max = outcome.AtMost!(ws.Frame);
                ws.Blocks.Clear();
                Timeline(ws, recurring.Evidence, start, asOf).Blocks(afterDue + 1, every, max, asOf, ws.Blocks);
                for (var i = 0; i < ws.Blocks.Count; i++)
                {
                    var (blockStart, due) = ws.Blocks[i];
                    ws.Lines.Add(new RawLine
                    {
                        Outcome = index, Instalment = i + 1, Due = due, From = blockStart, Threshold = every, Limit = max, AfterDue = afterDue, CutFromPence = -1,
                    });
                    if (i == 0)
                    {
                        ws.FirstDue[index] = due;
                    }
                }

                break;
            }
        }
    }

    private SpellTimeline Timeline(Workspace ws, string kind, int start, int asOf)
    {
        var k = KindIndex(kind);
        var timeline = ws.Timelines[k];
        if (!ws.TimelineBuilt[k])
        {
            timeline.Build(ws.Selected, kind, start, asOf);
            ws.TimelineBuilt[k] = true;
        }

        return timeline;
    }

    private Entitlement ToEntitlement(ContractTerms contract, Participant participant, RawLine raw, Workspace ws, decimal discount)
    {
        var outcome = _bound.Outcomes[raw.Outcome];
        var location = _outcomes[_outcomeSlot[raw.Outcome]].Location;
        var due = SpellTimeline.Date(raw.Due);
        string description;
        var evidence = new List<EvidenceVersion>();
        switch (outcome.Trigger)
        {
            case BoundThreshold threshold:
            {
                var mode = threshold.Continuous ? "continuous" : "cumulative";
                var start = participant.StartDate;
                var lastDay = start.PlusDays(checked((int)(raw.Limit - 1)));
                description = $"due when {mode} {threshold.Evidence} since the start date {ExplanationText.Date(start)} reaches {raw.Threshold} days, no later than {ExplanationText.Date(lastDay)} (start + {raw.Limit} days - 1 day): reached on {ExplanationText.Date(due)}";
                SpellsWithin(ws, threshold.Evidence, raw.From, raw.Due, evidence);
                break;
            }

            case BoundRecurring recurring:
                description = $"due on completing {raw.Threshold} consecutive days of {recurring.Evidence} ({ExplanationText.Date(SpellTimeline.Date(raw.From))} to {ExplanationText.Date(due)}), counted from the day after {_bound.Outcomes[recurring.After].Name} fell due on {ExplanationText.Date(SpellTimeline.Date(raw.AfterDue))}; at most {raw.Limit} instalments";
                SpellsWithin(ws, recurring.Evidence, raw.From, raw.Due, evidence);
                break;
            default:
                description = "due on the start date " + ExplanationText.Date(due);
                break;
        }

        var figures = new List<ExplanationStep>();
        foreach (var (table, column) in outcome.Uses.Cells)
        {
            figures.Add(new ExplanationStep("table", ws.Rows[table]!.CellText[column]));
        }

        foreach (var taper in outcome.Uses.Tapers)
        {
            figures.Add(new ExplanationStep("table", ws.Steps[taper]!.Text));
        }

        var explanation = BuildExplanation(
            outcome.Rounding,
            raw.Fee,
            discount,
            raw.Unrounded,
            location,
            $"{outcome.Name} instalment {raw.Instalment}, rule at {location}: {description}",
            outcome.PayText,
            figures,
            evidence,
            ws.EvidenceSteps);
        if (raw.CutFromPence >= 0)
        {
            explanation = explanation with { Steps = explanation.Steps.Add(CapStep(_caps[raw.CapIndex], raw.CapLimit, raw.CutFromPence, raw.Pence)) };
        }

        return new Entitlement(
            contract.Id, participant.Id, null, outcome.Name, raw.Instalment, Money.FromPence(raw.Pence), due, DistinctIds(evidence), outcome.Name, explanation);
    }

    /// <summary>The ids of the evidence a line rests on, as <see cref="ToEntitlement"/> lists them, without describing it.</summary>
    private ImmutableArray<EvidenceId> EvidenceIds(Workspace ws, BoundTrigger trigger, RawLine raw, List<EvidenceVersion> scratch)
    {
        var kind = trigger switch
        {
            BoundThreshold threshold => threshold.Evidence,
            BoundRecurring recurring => recurring.Evidence,
            _ => null,
        };
        if (kind is null)
        {
            return [];
        }

        scratch.Clear();
        SpellsWithin(ws, kind, raw.From, raw.Due, scratch);

        // The instalments of a long spell rest on the same versions: their lines share one array of ids,
        // which also spares the ledger writer converting it again for each line.
        if (!SameVersions(scratch, ws.LastSpells))
        {
            ws.LastSpells.Clear();
            ws.LastSpells.AddRange(scratch);
            ws.LastEvidenceIds = DistinctIds(scratch);
        }

        return ws.LastEvidenceIds;
    }

    private static bool SameVersions(List<EvidenceVersion> a, List<EvidenceVersion> b)
    {
        if (a.Count != b.Count)
        {
            return false;
        }

        for (var i = 0; i < a.Count; i++)
        {
            if (!ReferenceEquals(a[i], b[i]))
            {
                return false;
            }
        }

        return true;
    }

    private static ImmutableArray<EvidenceId> DistinctIds(List<EvidenceVersion> evidence)
    {
        if (evidence.Count == 0)
        {
            return [];
        }

        var ids = new EvidenceId[evidence.Count];
        for (var i = 0; i < ids.Length; i++)
        {
            ids[i] = evidence[i].Id;
        }

        Array.Sort(ids);
        var distinct = 1;
        for (var i = 1; i < ids.Length; i++)
        {
            if (ids[i] != ids[distinct - 1])
            {
                ids[distinct++] = ids[i];
            }
        }

        return [.. ids.AsSpan(0, distinct)];
    }

    private sealed record DiscountWords(decimal Discount, string Percent, string Kept);

    private void SpellsWithin(Workspace ws, string kind, int from, int to, List<EvidenceVersion> into)
    {
        var timeline = ws.Timelines[KindIndex(kind)];
        for (var i = 0; i < timeline.SpellCount; i++)
        {
            var spell = timeline.SpellAt(i);
            if (spell.Start <= to && spell.End >= from)
            {
                into.Add(spell.Version);
            }
        }
    }

    /// <summary>
    /// Writes the explanation of a line: the rule, the figures read, the evidence, the arithmetic,
    /// the discount and the rounding.
    /// </summary>
    private Explanation BuildExplanation(
        Rounding rounding,
        decimal fee,
        decimal discount,
        decimal unrounded,
        string location,
        string rule,
        string payText,
        IEnumerable<ExplanationStep> figures,
        IReadOnlyList<EvidenceVersion> evidence,
        Dictionary<EvidenceVersion, ExplanationStep>? cache = null)
    {
        var tail = ArithmeticSteps(rounding, fee, discount, unrounded, payText);
        var steps = ImmutableArray.CreateBuilder<ExplanationStep>();
        steps.Add(new ExplanationStep("rule", rule));
        steps.AddRange(figures);
        foreach (var v in evidence)
        {
            steps.Add(EvidenceStep(v, cache));
        }

        steps.AddRange(tail.Steps);
        var unroundedText = tail.UnroundedText;
        return new Explanation(location, steps.ToImmutable(), unroundedText, rounding);
    }

    // The arithmetic of a line depends only on the fee, the discount and the rounding, which repeat
    // across a run's participants, so its steps are written once and shared (strings are immutable).
    private ArithmeticWords ArithmeticSteps(Rounding rounding, decimal fee, decimal discount, decimal unrounded, string payText)
    {
        var key = (payText, fee, discount, rounding);
        if (_arithmetic.TryGetValue(key, out var words))
        {
            return words;
        }

        var amount = new UnroundedMoney(unrounded).Round(rounding);
        var feeText = ExplanationText.UnroundedPounds(fee);
        var unroundedText = discount == 0m ? feeText : ExplanationText.UnroundedPounds(unrounded);
        var steps = new List<ExplanationStep> { new("arithmetic", $"{payText} = £{feeText}") };
        if (discount != 0m)
        {
            var (percent, kept) = DiscountText(discount);
            steps.Add(new ExplanationStep("arithmetic", $"less the contract's discount of {percent}: £{feeText} × {kept} = £{unroundedText}"));
        }

        steps.Add(new ExplanationStep("rounding", $"£{unroundedText} rounded {ExplanationText.Rounding(rounding)} to the penny: {ExplanationText.Pounds(amount.Pence)}"));
        words = new ArithmeticWords([.. steps], unroundedText);
        if (_arithmetic.Count >= ArithmeticCacheLimit)
        {
            _arithmetic.Clear();
        }

        _arithmetic[key] = words;
        return words;
    }

    private sealed record ArithmeticWords(ExplanationStep[] Steps, string UnroundedText);

    private ExplanationStep EvidenceStep(EvidenceVersion v, Dictionary<EvidenceVersion, ExplanationStep>? cache)
    {
        if (cache is not null && cache.TryGetValue(v, out var step))
        {
            return step;
        }

        var kind = KindIndex(v.Kind);
        var dates = kind >= 0 && _bound.EvidenceKinds[kind].Shape == EvidenceShape.Event
            ? "on " + ExplanationText.Date(v.StartDate)
            : $"from {ExplanationText.Date(v.StartDate)} to {(v.EndDate is { } e ? ExplanationText.Date(e) : "(open)")}";
        step = new ExplanationStep("evidence", $"{v.Kind} {v.Id}: {dates}, {StatusText(v.Status)}, recorded {ExplanationText.Date(v.RecordedOn)}");
        cache?.Add(v, step);
        return step;
    }

    private static string StatusText(EvidenceStatus status) => status switch
    {
        EvidenceStatus.Verified => "verified",
        EvidenceStatus.Pending => "pending",
        EvidenceStatus.Rejected => "rejected",
        _ => "revoked",
    };

    // Every line of a contract has the same discount, so its words are kept rather than re-formatted.
    private (string Percent, string Kept) DiscountText(decimal discount)
    {
        var last = _lastDiscount;
        if (last is not null && last.Discount == discount)
        {
            return (last.Percent, last.Kept);
        }

        last = new DiscountWords(discount, ExplanationText.Percent(discount), ExplanationText.Percent(1m - discount));
        _lastDiscount = last;
        return (last.Percent, last.Kept);
    }

    private ExplanationStep CapStep(CompiledCap cap, long limit, long before, long after)
    {
        var names = cap.Bound.Order.Select(i => cap.Bound.PerCohort ? _bound.CohortOutcomes[i].Name : _bound.Outcomes[i].Name);
        return new ExplanationStep(
            "cap",
            $"cap {cap.Bound.AmountText} = {ExplanationText.Pounds(limit)} per {cap.Bound.ScopeText}, allocated in order {string.Join(", ", names)}: {ExplanationText.Pounds(before)} cut to the {ExplanationText.Pounds(after)} left");
    }

    /// <summary>
    /// Cuts a participant's lines so their total stays within the cap: outcomes in the declared
    /// order, then by due date and instalment; the line that would pass the cap gets what is left,
    /// later lines nothing (they are removed).
    /// </summary>
    private void ApplyCap(CompiledCap cap, List<RawLine> lines, object?[] frame)
    {
        var limit = cap.Amount(frame);
        var order = cap.Bound.Order;
        var capped = Enumerable.Range(0, lines.Count)
            .Where(i => order.Contains(lines[i].Outcome))
            .OrderBy(i => order.IndexOf(lines[i].Outcome))
            .ThenBy(i => lines[i].Due)
            .ThenBy(i => lines[i].Instalment)
            .ToList();
        var used = 0L;
        foreach (var i in capped)
        {
            var line = lines[i];
            var left = Math.Max(0, limit - used);
            if (line.Pence <= left)
            {
                used = checked(used + line.Pence);
                continue;
            }

            used = limit;
            line.CutFromPence = line.Pence;
            line.CapIndex = Array.IndexOf(_caps, cap);
            line.CapLimit = limit;
            line.Pence = left;
            lines[i] = line;
        }

        lines.RemoveAll(static l => l.Pence == 0);
    }

    /// <summary>The same allocation for cohort lines, which are priced with their explanations.</summary>
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

            result.Add(line with
            {
                Amount = Money.FromPence(left),
                Explanation = line.Explanation with { Steps = line.Explanation.Steps.Add(CapStep(cap, limit, line.Amount.Pence, left)) },
            });
        }

        return result;
    }
}
