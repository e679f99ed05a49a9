using System.Collections.Immutable;
using NodaTime;
using Pbr.Core;
using Pbr.Core.Model;
using Pbr.Dsl;

namespace Pbr.Engine.Calculation;

/// <summary>
/// Computes what one contract is entitled to as of a date, from the evidence known at another:
/// every participant through <see cref="ISchemeRules.EvaluateParticipant"/> and every cohort through
/// <see cref="ISchemeRules.EvaluateCohort"/>. Pure: the same inputs in any order give the same lines.
/// </summary>
public static class Calculator
{
    /// <summary>Computes the entitlement of <paramref name="contract"/> as of <paramref name="asOf"/>, known at <paramref name="knownAt"/>.</summary>
    /// <param name="explanations">Whether participant lines carry their explanations (cohort lines, few and costly to recompute, always do).</param>
    /// <exception cref="ArgumentException">A row belongs to another contract, or a participant id appears twice.</exception>
    public static CalculationResult Calculate(
        ContractTerms contract,
        ISchemeRules rules,
        IReadOnlyList<Participant> participants,
        IReadOnlyList<EvidenceVersion> evidence,
        LocalDate asOf,
        LocalDate knownAt,
        Explanations explanations = Explanations.Written)
    {
        ArgumentNullException.ThrowIfNull(contract);
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(participants);
        ArgumentNullException.ThrowIfNull(evidence);

        // Sorting first is what makes the result independent of the order rows were read in.
        var people = participants.OrderBy(p => p.Id).ToList();
        for (var i = 0; i < people.Count; i++)
        {
            if (people[i].Contract != contract.Id)
            {
                throw new ArgumentException($"Participant row of contract {people[i].Contract} passed to contract {contract.Id}.", nameof(participants));
            }

            if (i > 0 && people[i].Id == people[i - 1].Id)
            {
                throw new ArgumentException($"Participant appears twice in contract {contract.Id}.", nameof(participants));
            }
        }

        var evidenceByParticipant = GroupEvidence(contract, evidence, knownAt);
        var lines = ImmutableArray.CreateBuilder<Entitlement>();
        var problems = ImmutableArray.CreateBuilder<EvaluationProblem>();

        foreach (var participant in people)
        {
            var own = evidenceByParticipant.TryGetValue(participant.Id, out var list) ? list : [];
            var result = explanations == Explanations.Written
                ? rules.EvaluateParticipant(contract, participant, own, asOf, knownAt)
                : rules.EvaluateParticipantUnexplained(contract, participant, own, asOf, knownAt);
            Collect(result, lines, problems);
        }

        if (rules.HasCohorts)
        {
            var cohorts = new SortedDictionary<string, List<Participant>>(StringComparer.Ordinal);
            foreach (var participant in people)
            {
                if (rules.CohortOf(contract, participant) is not { } cohort)
                {
                    continue;
                }

                if (!cohorts.TryGetValue(cohort, out var members))
                {
                    members = [];
                    cohorts.Add(cohort, members);
                }

                members.Add(participant);
            }

            foreach (var (cohort, members) in cohorts)
            {
                var cohortEvidence = members
                    .SelectMany(m => evidenceByParticipant.TryGetValue(m.Id, out var list) ? list : [])
                    .ToList();
                Collect(rules.EvaluateCohort(contract, cohort, members, cohortEvidence, asOf, knownAt), lines, problems);
            }
        }

        // Caps over the whole contract need every participant's lines at once, so they are applied here.
        if (rules.ContractCaps(contract) is { Count: > 0 } caps)
        {
            var capped = ContractCaps.Apply(contract, caps, lines);
            lines.Clear();
            lines.AddRange(capped);
        }

        return Finish(contract, lines, problems);
    }

    private static Dictionary<ParticipantId, List<EvidenceVersion>> GroupEvidence(
        ContractTerms contract, IReadOnlyList<EvidenceVersion> evidence, LocalDate knownAt)
    {
        var byParticipant = new Dictionary<ParticipantId, List<EvidenceVersion>>();
        var ordered = evidence
            .Where(e => e.RecordedOn <= knownAt)
            .OrderBy(e => e.Participant)
            .ThenBy(e => e.Id)
            .ThenBy(e => e.RecordedOn);
        foreach (var version in ordered)
        {
            if (version.Contract != contract.Id)
            {
                throw new ArgumentException($"Evidence row of contract {version.Contract} passed to contract {contract.Id}.", nameof(evidence));
            }

            if (!byParticipant.TryGetValue(version.Participant, out var list))
            {
                list = [];
                byParticipant.Add(version.Participant, list);
            }

            list.Add(version);
        }

        return byParticipant;
    }

    private static void Collect(
        EvaluationResult result, ImmutableArray<Entitlement>.Builder lines, ImmutableArray<EvaluationProblem>.Builder problems)
    {
        lines.AddRange(result.Lines);
        problems.AddRange(result.Problems);
    }

    private static CalculationResult Finish(
        ContractTerms contract, ImmutableArray<Entitlement>.Builder lines, ImmutableArray<EvaluationProblem>.Builder problems)
    {
        lines.Sort((a, b) => a.Key.CompareTo(b.Key));
        for (var i = 0; i < lines.Count; i++)
        {
            // A scheme that prices one key twice, or another contract's key, has a bug; it is
            // reported rather than netted, because netting would hide which line is right.
            if (lines[i].Contract != contract.Id)
            {
                problems.Add(new EvaluationProblem(ProblemKind.RulesConflict, contract.Id, lines[i].Rule, $"a line for contract {lines[i].Contract} was produced"));
            }
            else if (i > 0 && lines[i].Key == lines[i - 1].Key)
            {
                problems.Add(new EvaluationProblem(
                    ProblemKind.RulesConflict, contract.Id, lines[i].Rule, $"two lines for {lines[i].Key.Outcome} instalment {lines[i].Key.Instalment} of one key"));
            }
        }

        var sortedProblems = problems
            .OrderBy(p => p.Subject, StringComparer.Ordinal)
            .ThenBy(p => p.Kind)
            .ThenBy(p => p.Message, StringComparer.Ordinal)
            .ToImmutableArray();
        return new CalculationResult(lines.ToImmutable(), sortedProblems);
    }
}
