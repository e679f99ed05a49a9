using FsCheck;
using FsCheck.Fluent;
using NodaTime;
using Pbr.Core;
using Pbr.Core.Model;
using Pbr.TestKit.Reference;

namespace Pbr.Dsl.Tests;

/// <summary>
/// The compiled Work Programme sample against the independent reference model in the test kit
/// (written from the issue's table, with no code shared with the language), on generated
/// participants and timelines; and evaluation independent of the order of evidence rows.
/// </summary>
public sealed class WorkProgrammePropertyTests
{
    [FsCheck.NUnit.Property(MaxTest = 500)]
    public Property EvaluateParticipant_GeneratedTimeline_EqualsReferenceModel() =>
        Prop.ForAll(TimelineArbitraries.WorkProgrammeCases(), Matches);

    [FsCheck.NUnit.Property(MaxTest = 300)]
    public Property EvaluateParticipant_ShuffledEvidence_GivesTheSameLines() =>
        Prop.ForAll(TimelineArbitraries.WorkProgrammeCases(), ArbMap.Default.ArbFor<int>(), OrderIndependent);

    [FsCheck.NUnit.Property(MaxTest = 300)]
    public Property PriceParticipant_GeneratedTimeline_GivesTheLinesOfEvaluateParticipant() =>
        Prop.ForAll(TimelineArbitraries.WorkProgrammeCases(), c =>
        {
            var contract = Contract(c.DiscountPercent);
            var full = Samples.WorkProgramme.EvaluateParticipant(contract, c.Participant, c.Evidence, c.AsOf, c.KnownAt);
            var amounts = new List<LineAmount>();
            var ok = ((IParticipantPricer)Samples.WorkProgramme).PriceParticipant(contract, c.Participant, c.Evidence, c.AsOf, c.KnownAt, amounts);

            return (ok == full.Problems.IsEmpty
                && amounts.SequenceEqual(full.Lines.Select(l => new LineAmount(l.Outcome, l.Instalment, l.Amount.Pence, l.DueDate)))).Label(c.ToString());
        });

    private static Property Matches(WorkProgrammeCase c)
    {
        var contract = Contract(c.DiscountPercent);
        var result = Samples.WorkProgramme.EvaluateParticipant(contract, c.Participant, c.Evidence, c.AsOf, c.KnownAt);
        var actual = result.Lines.Select(l => new ModelLine(l.Outcome, l.Instalment, l.Amount.Pence, l.DueDate)).ToList();
        var expected = WorkProgrammeModel.Evaluate(c.PaymentGroup, c.Participant.StartDate, c.Evidence, c.AsOf, c.KnownAt, c.DiscountPercent)
            .Where(l => l.Pence != 0)
            .ToList();

        return (result.Problems.IsEmpty && actual.SequenceEqual(expected))
            .Label($"expected [{string.Join("; ", expected)}]\nactual   [{string.Join("; ", actual)}]\nproblems [{string.Join("; ", result.Problems.Select(p => p.Message))}]");
    }

    private static Property OrderIndependent(WorkProgrammeCase c, int seed)
    {
        var contract = Contract(c.DiscountPercent);
        var shuffled = c.Evidence.OrderBy(_ => new Random(seed).Next()).Reverse().ToList();
        var original = Samples.WorkProgramme.EvaluateParticipant(contract, c.Participant, c.Evidence, c.AsOf, c.KnownAt);
        var reordered = Samples.WorkProgramme.EvaluateParticipant(contract, c.Participant, shuffled, c.AsOf, c.KnownAt);

        return Describe(original).SequenceEqual(Describe(reordered)).Label(c.ToString());
    }

    private static ContractTerms Contract(decimal discountPercent) =>
        new(TimelineGen.Alpha, new SchemeId("work_programme"), new ProviderId("Alpha Employment Ltd"),
            new LocalDate(2011, 6, 1), new LocalDate(2016, 3, 31), new Percentage(discountPercent));

    private static IEnumerable<string> Describe(EvaluationResult result) =>
        result.Lines.Select(l =>
            $"{l.Outcome} {l.Instalment} {l.Amount.Pence} {l.DueDate} {string.Join(",", l.EvidenceIds)} {string.Join(" | ", l.Explanation.Steps.Select(s => s.Text))}");
}
