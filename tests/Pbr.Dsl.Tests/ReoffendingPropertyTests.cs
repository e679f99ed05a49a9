using FsCheck;
using FsCheck.Fluent;
using Pbr.Core.Model;
using Pbr.TestKit.Reference;

namespace Pbr.Dsl.Tests;

/// <summary>The compiled reoffending sample against the independent reference model, on generated cohorts.</summary>
public sealed class ReoffendingPropertyTests
{
    [FsCheck.NUnit.Property(MaxTest = 300)]
    public Property EvaluateCohort_GeneratedCohort_EqualsReferenceModel() =>
        Prop.ForAll(TimelineArbitraries.ReoffendingCohortCases(), Matches);

    private static Property Matches(ReoffendingCohortCase c)
    {
        var contract = Samples.Contract("RO-PILOT-NORTH");
        var result = Samples.Reoffending.EvaluateCohort(contract, c.Cohort, c.Participants, c.Evidence, c.AsOf, c.KnownAt);
        var actual = result.Lines.Select(l => new ModelLine(l.Outcome, l.Instalment, l.Amount.Pence, l.DueDate)).ToList();
        var expected = ReoffendingModel.Evaluate(c.Participants, c.Evidence, c.AsOf, c.KnownAt, ReoffendingTerms.PilotNorth)
            .Where(l => l.Pence != 0)
            .ToList();

        return (result.Problems.IsEmpty && actual.SequenceEqual(expected))
            .Label($"expected [{string.Join("; ", expected)}]\nactual   [{string.Join("; ", actual)}]");
    }
}
