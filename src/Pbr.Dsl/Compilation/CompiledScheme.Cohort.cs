using System.Globalization;
using NodaTime;
using Pbr.Core;
using Pbr.Core.Model;

namespace Pbr.Dsl.Compilation;

internal sealed partial class CompiledScheme
{
    public EvaluationResult EvaluateCohort(
        ContractTerms contract,
        string cohort,
        IReadOnlyList<Participant> participants,
        IReadOnlyList<EvidenceVersion> evidence,
        LocalDate asOf,
        LocalDate knownAt)
    {
        ArgumentNullException.ThrowIfNull(contract);
        ArgumentNullException.ThrowIfNull(cohort);
        ArgumentNullException.ThrowIfNull(participants);
        ArgumentNullException.ThrowIfNull(evidence);
        if (_bound.Cohort is not { } plan)
        {
            return EvaluationResult.Empty;
        }

        List<EvaluationProblem>? problems = null;
        void Problem(ProblemKind kind, string message) =>
            (problems ??= []).Add(new EvaluationProblem(kind, contract.Id, cohort, message));

        if (QuarterEnd(cohort) is not { } quarterEnd)
        {
            Problem(ProblemKind.BadData, $"'{cohort}' is not a cohort name (expected a quarter such as 2012-Q1)");
            return Result(null, problems);
        }

        var frame = NewFrame(contract);
        if (frame is null)
        {
            Problem(ProblemKind.BadData, $"contract '{contract.Id}' is not declared with scheme '{Id}', so its terms are unknown");
            return Result(null, problems);
        }

        var settleDays = _cohortSettles!(frame);
        var settles = quarterEnd.PlusDays(checked((int)settleDays));
        var members = participants
            .Where(p => p.Contract == contract.Id && QuarterName(p.StartDate) == cohort)
            .OrderBy(p => p.Id)
            .ToList();
        if (asOf < settles || members.Count == 0)
        {
            return EvaluationResult.Empty;
        }

        var occurring = _cohortOccurring!(frame);
        var recorded = _cohortRecorded!(frame);
        var byId = members.ToDictionary(p => p.Id);
        var latest = new Dictionary<EvidenceId, EvidenceVersion>();
        foreach (var v in evidence)
        {
            if (v.RecordedOn > knownAt || v.Contract != contract.Id || !byId.ContainsKey(v.Participant))
            {
                continue;
            }

            if (!latest.TryGetValue(v.Id, out var current) || v.RecordedOn > current.RecordedOn
                || (v.RecordedOn == current.RecordedOn && Tiebreak(v, current) > 0))
            {
                latest[v.Id] = v;
            }
        }

        var qualifying = new List<EvidenceVersion>();
        foreach (var v in latest.Values.OrderBy(v => v.Id))
        {
            if (!_bound.EvidenceKinds.Any(k => k.Name == v.Kind))
            {
                Problem(ProblemKind.BadData, $"evidence '{v.Id}' is of kind '{v.Kind}', which scheme '{Id}' does not declare");
                continue;
            }

            var start = byId[v.Participant].StartDate;
            if (v.Kind == plan.Evidence && v.Status == EvidenceStatus.Verified
                && v.StartDate > start
                && v.StartDate <= start.PlusDays(checked((int)occurring))
                && v.RecordedOn <= start.PlusDays(checked((int)recorded)))
            {
                qualifying.Add(v);
            }
        }

        var size = members.Count;
        var offenders = qualifying.Select(v => v.Participant).Distinct().Count();
        var binary = (decimal)offenders / size;
        var frequency = (decimal)qualifying.Count / size;
        frame[_bound.Slots.CohortSize] = (long)size;
        frame[_bound.Slots.BinaryRate] = binary;
        frame[_bound.Slots.FrequencyRate] = frequency;
        var measures = new[]
        {
            new ExplanationStep("arithmetic", $"cohort {cohort}: {size} participants (start dates {ExplanationText.Date(QuarterStart(quarterEnd))} to {ExplanationText.Date(quarterEnd)}), settled on {ExplanationText.Date(settles)} = quarter end + {settleDays} days"),
            new ExplanationStep("evidence", $"{qualifying.Count} qualifying {plan.Evidence} events (verified, after the start date and within {occurring} days of it, recorded within {recorded} days of it) for {offenders} participants"),
            new ExplanationStep("arithmetic", $"binary_rate = {offenders} / {size} = {binary.ToString(CultureInfo.InvariantCulture)}; frequency_rate = {qualifying.Count} / {size} = {frequency.ToString(CultureInfo.InvariantCulture)}"),
        };
        var ids = qualifying.Select(v => v.Id).Order().ToArray();
        var discount = contract.Discount.ToRate().Value;
        var lines = new List<Entitlement>();
        foreach (var outcome in _cohortOutcomes)
        {
            try
            {
                if (outcome.Guard is not null && !outcome.Guard(frame))
                {
                    continue;
                }

                var fee = outcome.Pay(frame);
                var unrounded = discount == 0m ? fee : fee * (1m - discount);
                var amount = new UnroundedMoney(unrounded).Round(outcome.Bound.Rounding);
                var condition = outcome.Bound.GuardText.Length > 0 ? $"; condition {outcome.Bound.GuardText} holds" : string.Empty;
                var explanation = BuildExplanation(
                    outcome.Bound.Rounding,
                    fee,
                    discount,
                    unrounded,
                    outcome.Location,
                    $"{outcome.Bound.Name} for cohort {cohort}, rule at {outcome.Location}{condition}",
                    outcome.Bound.PayText,
                    measures,
                    []);
                if (amount.Pence != 0)
                {
                    lines.Add(new Entitlement(contract.Id, null, cohort, outcome.Bound.Name, 1, amount, settles, [.. ids], outcome.Bound.Name, explanation));
                }
            }
            catch (Exception e) when (e is OverflowException or DivideByZeroException or ArgumentOutOfRangeException)
            {
                Problem(ProblemKind.BadData, $"outcome '{outcome.Bound.Name}' could not be computed exactly: {e.Message}");
            }
        }

        foreach (var cap in _caps.Where(c => c.Bound.PerCohort))
        {
            lines = ApplyCap(cap, lines, frame);
        }

        lines.Sort((a, b) => CohortOrder(a.Outcome).CompareTo(CohortOrder(b.Outcome)));
        return Result(lines, problems);
    }

    private int CohortOrder(string name)
    {
        for (var i = 0; i < _bound.CohortOutcomes.Length; i++)
        {
            if (_bound.CohortOutcomes[i].Name == name)
            {
                return i;
            }
        }

        return int.MaxValue;
    }

    internal static string QuarterName(LocalDate date) =>
        string.Create(CultureInfo.InvariantCulture, $"{date.Year:D4}-Q{((date.Month - 1) / 3) + 1}");

    private static LocalDate? QuarterEnd(string cohort)
    {
        if (cohort.Length != 7 || cohort[4] != '-' || cohort[5] != 'Q' || cohort[6] is < '1' or > '4'
            || !int.TryParse(cohort.AsSpan(0, 4), NumberStyles.None, CultureInfo.InvariantCulture, out var year) || year < 1)
        {
            return null;
        }

        var quarter = cohort[6] - '0';
        return new LocalDate(year, quarter * 3, 1).PlusMonths(1).PlusDays(-1);
    }

    private static LocalDate QuarterStart(LocalDate quarterEnd) => quarterEnd.PlusDays(1).PlusMonths(-3);
}
