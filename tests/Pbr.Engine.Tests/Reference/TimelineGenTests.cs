using FsCheck;
using FsCheck.Fluent;
using Pbr.Core.Model;
using Pbr.TestKit.Reference;

namespace Pbr.Engine.Tests.Reference;

/// <summary>
/// The generators reach the awkward cases they promise, and the reference models keep their own
/// invariants on everything generated (a model that breaks these cannot be a reference).
/// </summary>
public sealed class TimelineGenTests
{
    [Test]
    public void WorkProgrammeCase_Sample_CoversTheEdgeCases()
    {
        var cases = TimelineGen.WorkProgrammeCase.Sample(400, 50);
        var evidence = cases.SelectMany(c => c.Evidence.Select(e => (Case: c, Evidence: e))).ToList();

        Assert.Multiple(() =>
        {
            Assert.That(evidence.Any(x => x.Evidence.EndDate is null), Is.True, "open spells");
            Assert.That(evidence.Any(x => x.Evidence.StartDate < x.Case.Participant.StartDate), Is.True, "spells before the start date");
            Assert.That(evidence.Any(x => x.Evidence.Status == EvidenceStatus.Revoked), Is.True, "revocations");
            Assert.That(evidence.Any(x => x.Evidence.Status == EvidenceStatus.Pending), Is.True, "pending");
            Assert.That(evidence.Any(x => x.Evidence.Status == EvidenceStatus.Rejected), Is.True, "rejected");
            Assert.That(evidence.Any(x => x.Evidence.RecordedOn > x.Case.KnownAt), Is.True, "versions not yet known");
            Assert.That(cases.Any(c => c.Evidence.GroupBy(e => e.Id).Any(g => g.Count() > 1)), Is.True, "several versions");
            Assert.That(cases.Select(c => c.PaymentGroup).Distinct().Count(), Is.EqualTo(9), "every payment group");
            Assert.That(cases.Any(c => WorkProgrammeModel.Evaluate(c.PaymentGroup, c.Participant.StartDate, c.Evidence, c.AsOf, c.KnownAt, c.DiscountPercent).Any(l => l.Outcome == "sustainment")), Is.True, "sustainment reached");
        });
    }

    [FsCheck.NUnit.Property(MaxTest = 200)]
    public Property WorkProgrammeModel_KeepsTheTariffsLimits() =>
        Prop.ForAll(TimelineArbitraries.WorkProgrammeCases(), c =>
        {
            var tariff = WorkProgrammeTariff.For(c.PaymentGroup);
            var lines = WorkProgrammeModel.Evaluate(c.PaymentGroup, c.Participant.StartDate, c.Evidence, c.AsOf, c.KnownAt, c.DiscountPercent);
            return lines.Count(l => l.Outcome == "job_outcome") <= 1
                && lines.Count(l => l.Outcome == "sustainment") <= tariff.MaxSustainments
                && lines.All(l => l.DueDate <= c.AsOf && l.DueDate >= c.Participant.StartDate && l.Pence > 0)
                && lines.Sum(l => l.Pence) <= tariff.MaxTotalPence;
        });

    [FsCheck.NUnit.Property(MaxTest = 200)]
    public Property WorkProgrammeModel_IgnoresEvidenceOrderAndUnverifiedOnlyItems() =>
        Prop.ForAll(TimelineArbitraries.WorkProgrammeCases(), c =>
        {
            var lines = WorkProgrammeModel.Evaluate(c.PaymentGroup, c.Participant.StartDate, c.Evidence, c.AsOf, c.KnownAt, c.DiscountPercent);
            var reversed = WorkProgrammeModel.Evaluate(c.PaymentGroup, c.Participant.StartDate, c.Evidence.Reverse(), c.AsOf, c.KnownAt, c.DiscountPercent);

            // Evidence ids that were never verified in any version cannot change anything.
            var neverVerified = c.Evidence.GroupBy(e => e.Id).Where(g => g.All(e => e.Status != EvidenceStatus.Verified)).Select(g => g.Key).ToHashSet();
            var withoutThem = WorkProgrammeModel.Evaluate(
                c.PaymentGroup, c.Participant.StartDate, c.Evidence.Where(e => !neverVerified.Contains(e.Id)), c.AsOf, c.KnownAt, c.DiscountPercent);
            return lines.SequenceEqual(reversed) && lines.SequenceEqual(withoutThem);
        });

    [FsCheck.NUnit.Property(MaxTest = 100)]
    public Property ReoffendingModel_NeverExceedsTheCapAndPaysOnlyWhenClosed() =>
        Prop.ForAll(TimelineArbitraries.ReoffendingCohortCases(), c =>
        {
            var lines = ReoffendingModel.Evaluate(c.Participants, c.Evidence, c.AsOf, c.KnownAt, ReoffendingTerms.PilotNorth);
            var due = ReoffendingModel.QuarterEnd(c.Participants[0].StartDate).PlusDays(ReoffendingModel.WaitingDays);
            return lines.Sum(l => l.Pence) <= ReoffendingTerms.PilotNorth.CapPence
                && (c.AsOf >= due || lines.Count == 0)
                && lines.All(l => l.DueDate == due && l.Pence > 0);
        });
}
