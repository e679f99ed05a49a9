using System.Collections.Immutable;
using Pbr.Benchmarks.Peers;

namespace Pbr.Benchmarks;

/// <summary>
/// The check made before any timing, and by tests/Pbr.Benchmarks.Tests: the compiled tariff and the
/// RulesEngine version give the same total for every participant, so the benchmark compares two
/// implementations of one tariff.
/// </summary>
public static class Equivalence
{
    /// <summary>Prices every participant both ways, as of and known at <see cref="WorkProgrammeData.AsOf"/>.</summary>
    public static ImmutableArray<ParticipantAmounts> Amounts(WorkProgrammeData data, RulesEngineTariff peer)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(peer);
        var asOf = WorkProgrammeData.AsOf;
        var amounts = ImmutableArray.CreateBuilder<ParticipantAmounts>(data.Cases.Length);
        foreach (var c in data.Cases)
        {
            var result = data.Scheme.EvaluateParticipant(c.Contract, c.Participant, c.Evidence, asOf, asOf);

            // The glue throws on a participant no fee rule covers; an engine problem is reported instead.
            long? rules = result.Problems.IsEmpty ? peer.TotalPence(c.Contract, c.Participant, c.Evidence, asOf, asOf) : null;
            amounts.Add(new ParticipantAmounts(c, result, rules));
        }

        return amounts.MoveToImmutable();
    }

    /// <summary>Throws when any participant's totals differ; returns the grand total in pence.</summary>
    public static long Check(WorkProgrammeData data, RulesEngineTariff peer)
    {
        var amounts = Amounts(data, peer);
        var differences = amounts.Where(a => !a.Agree).Select(a => a.ToString()).ToList();
        if (differences.Count > 0)
        {
            throw new InvalidOperationException(
                $"{differences.Count} of {amounts.Length} participants differ, e.g.\n" + string.Join('\n', differences.Take(10)));
        }

        return amounts.Sum(a => a.EnginePence);
    }
}
