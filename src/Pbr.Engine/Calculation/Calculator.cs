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

        var people = Ordered(contract, participants);
        var lines = ImmutableArray.CreateBuilder<Entitlement>();
        var problems = ImmutableArray.CreateBuilder<EvaluationProblem>();
        Evaluate(contract, rules, people, evidence, asOf, knownAt, explanations, result =>
        {
            lines.AddRange(result.Lines);
            problems.AddRange(result.Problems);
        });

        // Caps over the whole contract need every participant's lines at once, so they are applied here.
        if (rules.ContractCaps(contract) is { Count: > 0 } caps)
        {
            var capped = ContractCaps.Apply(contract, caps, lines);
            lines.Clear();
            lines.AddRange(capped);
        }

        lines.Sort((a, b) => a.Key.CompareTo(b.Key));
        Check(contract, lines, problems);
        return new CalculationResult(lines.ToImmutable(), Sorted(problems));
    }

    /// <summary>
    /// Computes the same entitlement as <see cref="Calculate"/>, handing each participant's lines (and
    /// then each cohort's) to <paramref name="each"/> in key order instead of holding them all, so that
    /// a settlement of millions of participants keeps only what it posts. Returns the problems found.
    /// </summary>
    /// <exception cref="InvalidOperationException">The scheme caps the whole contract, which needs every line at once.</exception>
    public static ImmutableArray<EvaluationProblem> CalculateEach(
        ContractTerms contract,
        ISchemeRules rules,
        IReadOnlyList<Participant> participants,
        IReadOnlyList<EvidenceVersion> evidence,
        LocalDate asOf,
        LocalDate knownAt,
        Explanations explanations,
        Action<IReadOnlyList<Entitlement>> each)
    {
        ArgumentNullException.ThrowIfNull(contract);
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(each);
        if (rules.ContractCaps(contract) is { Count: > 0 })
        {
            throw new InvalidOperationException($"Contract {contract.Id} has caps over the whole contract: calculate it at once.");
        }

        var people = Ordered(contract, participants);
        var problems = ImmutableArray.CreateBuilder<EvaluationProblem>();
        var group = new List<Entitlement>();
        Evaluate(contract, rules, people, evidence, asOf, knownAt, explanations, result =>
        {
            problems.AddRange(result.Problems);
            group.Clear();
            group.AddRange(result.Lines);
            // Keys of different participants never meet, so checking each group checks the whole.
            group.Sort((a, b) => a.Key.CompareTo(b.Key));
            Check(contract, group, problems);
            each(group);
        });

        return Sorted(problems);
    }

    private static List<Participant> Ordered(ContractTerms contract, IReadOnlyList<Participant> participants)
    {
        ArgumentNullException.ThrowIfNull(participants);

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

        return people;
    }

    /// <summary>Prices every participant, in id order, then every cohort, in name order, handing each result to <paramref name="each"/>.</summary>
    private static void Evaluate(
        ContractTerms contract,
        ISchemeRules rules,
        List<Participant> people,
        IReadOnlyList<EvidenceVersion> evidence,
        LocalDate asOf,
        LocalDate knownAt,
        Explanations explanations,
        Action<EvaluationResult> each)
    {
        ArgumentNullException.ThrowIfNull(evidence);
        var evidenceByParticipant = GroupEvidence(contract, evidence, knownAt);
        foreach (var participant in people)
        {
            IReadOnlyList<EvidenceVersion> own = evidenceByParticipant.TryGetValue(participant.Id, out var list) ? list : ArraySegment<EvidenceVersion>.Empty;
            each(explanations == Explanations.Written
                ? rules.EvaluateParticipant(contract, participant, own, asOf, knownAt)
                : rules.EvaluateParticipantUnexplained(contract, participant, own, asOf, knownAt));
        }

        if (!rules.HasCohorts)
        {
            return;
        }

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
                .SelectMany(m => evidenceByParticipant.TryGetValue(m.Id, out var list) ? list : ArraySegment<EvidenceVersion>.Empty)
                .ToList();
            each(rules.EvaluateCohort(contract, cohort, members, cohortEvidence, asOf, knownAt));
        }
    }

    /// <summary>
    /// Each participant's evidence known at K, ordered by evidence id and recorded date: slices of one
    /// sorted array rather than a list per participant, which at a million participants is a large
    /// share of a run's memory.
    /// </summary>
    private static Dictionary<ParticipantId, ArraySegment<EvidenceVersion>> GroupEvidence(
        ContractTerms contract, IReadOnlyList<EvidenceVersion> evidence, LocalDate knownAt)
    {
        // Positions are sorted rather than rows, and the position breaks ties, so the order is the same as a
        // stable sort's on every machine at a fraction of LINQ's memory for millions of rows.
        var positions = new List<int>(evidence.Count);
        for (var i = 0; i < evidence.Count; i++)
        {
            var version = evidence[i];
            if (version.RecordedOn > knownAt)
            {
                continue;
            }

            if (version.Contract != contract.Id)
            {
                throw new ArgumentException($"Evidence row of contract {version.Contract} passed to contract {contract.Id}.", nameof(evidence));
            }

            positions.Add(i);
        }

        positions.Sort((x, y) =>
        {
            var a = evidence[x];
            var b = evidence[y];
            var c = a.Participant.CompareTo(b.Participant);
            if (c == 0) c = a.Id.CompareTo(b.Id);
            if (c == 0) c = a.RecordedOn.CompareTo(b.RecordedOn);
            return c != 0 ? c : x.CompareTo(y);
        });

        var sorted = new EvidenceVersion[positions.Count];
        for (var i = 0; i < sorted.Length; i++)
        {
            sorted[i] = evidence[positions[i]];
        }

        var byParticipant = new Dictionary<ParticipantId, ArraySegment<EvidenceVersion>>();
        for (var start = 0; start < sorted.Length;)
        {
            var end = start + 1;
            while (end < sorted.Length && sorted[end].Participant == sorted[start].Participant)
            {
                end++;
            }

            byParticipant.Add(sorted[start].Participant, new ArraySegment<EvidenceVersion>(sorted, start, end - start));
            start = end;
        }

        return byParticipant;
    }

    /// <summary>Reports a line of another contract, or two lines for one key, among lines sorted by key.</summary>
    private static void Check(ContractTerms contract, IReadOnlyList<Entitlement> lines, ImmutableArray<EvaluationProblem>.Builder problems)
    {
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
    }

    /// <summary>Problems in the order every run reports them: by subject, kind, then message.</summary>
    internal static ImmutableArray<EvaluationProblem> Sorted(IEnumerable<EvaluationProblem> problems) =>
        problems
            .OrderBy(p => p.Subject, StringComparer.Ordinal)
            .ThenBy(p => p.Kind)
            .ThenBy(p => p.Message, StringComparer.Ordinal)
            .ToImmutableArray();
}
