using System.Collections.Immutable;
using System.Globalization;
using Pbr.Core;
using Pbr.Core.Model;
using Pbr.Dsl.Binding;
using Pbr.Dsl.Compilation;

namespace Pbr.Dsl.Testing;

/// <summary>
/// Runs in-language tests: prices the case's participants (or its cohort) through the compiled
/// scheme, exactly as a settlement run would, and compares the lines with the ones expected.
/// </summary>
internal static class TestRunner
{
    public static TestReport Run(ImmutableArray<BoundTest> tests, IReadOnlyDictionary<string, CompiledScheme> schemes)
    {
        var results = ImmutableArray.CreateBuilder<TestCaseResult>();
        foreach (var test in tests)
        {
            results.Add(RunOne(test, schemes[test.Contract.Scheme.Name]));
        }

        return new TestReport(results.ToImmutable());
    }

    private static TestCaseResult RunOne(BoundTest test, CompiledScheme scheme)
    {
        var contract = test.Contract.Terms;
        var lines = new List<Entitlement>();
        var problems = new List<EvaluationProblem>();
        if (test.Cohort is { } cohort)
        {
            var result = scheme.EvaluateCohort(contract, cohort, test.Participants, test.Evidence, test.AsOf, test.KnownAt);
            lines.AddRange(result.Lines);
            problems.AddRange(result.Problems);
        }
        else
        {
            foreach (var participant in test.Participants)
            {
                var evidence = test.Evidence.Where(e => e.Participant == participant.Id).ToList();
                var result = scheme.EvaluateParticipant(contract, participant, evidence, test.AsOf, test.KnownAt);
                lines.AddRange(result.Lines);
                problems.AddRange(result.Problems);
            }
        }

        var expected = test.Lines.Select(Show).ToList();
        var actual = lines.Select(l => Show(new ExpectedLine(l.Outcome, l.Instalment, l.Amount.Pence, l.DueDate))).ToList();
        var failures = ImmutableArray.CreateBuilder<string>();
        foreach (var missing in Except(expected, actual))
        {
            var where = test.Lines.First(l => Show(l) == missing).Location;
            failures.Add("expected: " + missing + (where is null ? string.Empty : "  (" + where + ")"));
        }

        foreach (var extra in Except(actual, expected))
        {
            failures.Add("actual:   " + extra);
        }

        var expectedProblems = test.Problems.ToList();
        foreach (var problem in problems)
        {
            if (!expectedProblems.Remove(problem.Kind))
            {
                failures.Add($"actual:   problem {Name(problem.Kind)}: {problem.Message}");
            }
        }

        foreach (var kind in expectedProblems)
        {
            failures.Add($"expected: problem {Name(kind)}");
        }

        return new TestCaseResult(test.Name, test.Location, failures.Count == 0, failures.ToImmutable());
    }

    private static List<string> Except(List<string> from, List<string> remove)
    {
        var left = new List<string>(remove);
        var result = new List<string>();
        foreach (var item in from)
        {
            if (!left.Remove(item))
            {
                result.Add(item);
            }
        }

        return result;
    }

    private static string Show(ExpectedLine line) =>
        string.Create(
            CultureInfo.InvariantCulture,
            $"{line.Outcome} {line.Instalment} {Money.FromPence(line.Pence).ToDisplayString()} on {line.Due:yyyy-MM-dd}");

    private static string Name(ProblemKind kind) => kind switch
    {
        ProblemKind.NoRuleApplies => "no_rule_applies",
        ProblemKind.RulesConflict => "rules_conflict",
        _ => "bad_data",
    };
}
