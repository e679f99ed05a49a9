using Pbr.Benchmarks.Peers;

namespace Pbr.Benchmarks;

/// <summary>
/// The check made before any timing: the compiled tariff and the RulesEngine version give the same
/// total for every participant, so the benchmark compares two implementations of one tariff.
/// </summary>
public static class Equivalence
{
    /// <summary>Throws when any participant's totals differ; returns the grand total in pence.</summary>
    public static long Check(WorkProgrammeData data, RulesEngineTariff peer)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(peer);
        var asOf = WorkProgrammeData.AsOf;
        var total = 0L;
        var differences = new List<string>();
        foreach (var c in data.Cases)
        {
            var result = data.Scheme.EvaluateParticipant(c.Contract, c.Participant, c.Evidence, asOf, asOf);
            if (!result.Problems.IsEmpty)
            {
                differences.Add($"{c.Participant.Id}: engine problem {result.Problems[0].Message}");
                continue;
            }

            var engine = result.Lines.Sum(l => l.Amount.Pence);
            var rules = peer.TotalPence(c.Contract, c.Participant, c.Evidence, asOf, asOf);
            if (engine != rules)
            {
                differences.Add($"{c.Contract.Id}/{c.Participant.Id}: engine {engine}p, RulesEngine {rules}p");
            }

            total += engine;
        }

        if (differences.Count > 0)
        {
            throw new InvalidOperationException(
                $"{differences.Count} of {data.Cases.Length} participants differ, e.g.\n" + string.Join('\n', differences.Take(10)));
        }

        return total;
    }
}
