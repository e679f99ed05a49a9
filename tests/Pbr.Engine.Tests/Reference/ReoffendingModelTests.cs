using Pbr.Core.Model;
using Pbr.TestKit.Reference;
using static Pbr.Engine.Tests.Reference.Evidence;

namespace Pbr.Engine.Tests.Reference;

/// <summary>Hand-calculated cases for the reoffending reference model, from the rules of issue 3.</summary>
public sealed class ReoffendingModelTests
{
    // Cohort 2012-Q1 closes on 31 Mar 2012 + 547 days = 31 Mar 2013 + 182 days = 29 Sep 2013.
    private const string Q1Due = "2013-09-29";

    private static readonly ReoffendingTerms Terms = ReoffendingTerms.PilotNorth;

    [Test]
    public void Evaluate_ClosedCohort_PaysBothReductions()
    {
        // 20 released on 15 Jan 2012; 5 with one reoffence and 1 with two: 6 reoffenders, 7 reoffences.
        // Binary 6/20 = 0.30; 0.55 − 0.30 = 0.25 ≥ 0.05: £5,000 × 0.25 × 20 = £25,000.00.
        // Frequency 7/20 = 0.35 ≤ 0.9 × 1.40 = 1.26: £1,200 × (1.40 − 0.35) × 20 = £25,200.00.
        var (participants, evidence) = Cohort(20, "2012-01-15", reoffencesEach: [1, 1, 1, 1, 1, 2]);

        var lines = ReoffendingModel.Evaluate(participants, evidence, D(Q1Due), D(Q1Due), Terms);

        Assert.That(lines, Is.EqualTo(new[]
        {
            new ModelLine("binary_reduction", 1, 2_500_000, D(Q1Due)),
            new ModelLine("frequency_reduction", 1, 2_520_000, D(Q1Due)),
        }));
    }

    [Test]
    public void Evaluate_DayBeforeCohortCloses_NoLines()
    {
        var (participants, evidence) = Cohort(20, "2012-01-15", reoffencesEach: [1]);

        Assert.That(ReoffendingModel.Evaluate(participants, evidence, D("2013-09-28"), D("2013-09-28"), Terms), Is.Empty);
    }

    [Test]
    public void Evaluate_WindowEdges_OnlyQualifyingReoffencesCount()
    {
        // Released 15 Jan 2012: day 365 is 14 Jan 2013, day 547 is 15 Jul 2013.
        // Qualifying: offence on day 365 recorded on day 547. Not: offence on release day, offence
        // on day 366, recorded on day 548, pending, rejected, verified then revoked.
        // So 1 reoffender of 10 and 1 reoffence: binary 0.10 → £5,000 × 0.45 × 10 = £22,500;
        // frequency 0.10 → £1,200 × 1.30 × 10 = £15,600.
        var participants = Enumerable.Range(1, 10).Select(i => Released($"R{i}", "2012-01-15")).ToList();
        EvidenceVersion[] evidence =
        [
            Offence("X1", "R1", "2013-01-14", "2013-07-15"),
            Offence("X2", "R2", "2012-01-15", "2012-03-01"),
            Offence("X3", "R3", "2013-01-15", "2013-03-01"),
            Offence("X4", "R4", "2012-06-01", "2013-07-16"),
            Offence("X5", "R5", "2012-06-01", "2012-08-01", EvidenceStatus.Pending),
            Offence("X6", "R6", "2012-06-01", "2012-08-01", EvidenceStatus.Rejected),
            Offence("X7", "R7", "2012-06-01", "2012-08-01"),
            Offence("X7", "R7", "2012-06-01", "2012-12-01", EvidenceStatus.Revoked),
        ];

        var lines = ReoffendingModel.Evaluate(participants, evidence, D(Q1Due), D(Q1Due), Terms);

        Assert.That(lines.Select(l => l.Pence), Is.EqualTo(new[] { 2_250_000L, 1_560_000L }));
    }

    [Test]
    public void Evaluate_BinaryImprovementExactlyFivePoints_Pays()
    {
        // 20 released, 10 reoffenders with one each: 0.55 − 0.50 = 0.05, which is enough:
        // £5,000 × 0.05 × 20 = £5,000.00; frequency 0.50: £1,200 × 0.90 × 20 = £21,600.00.
        var (participants, evidence) = Cohort(20, "2012-01-15", reoffencesEach: [.. Enumerable.Repeat(1, 10)]);

        var lines = ReoffendingModel.Evaluate(participants, evidence, D(Q1Due), D(Q1Due), Terms);

        Assert.That(lines.Select(l => (l.Outcome, l.Pence)), Is.EqualTo(new[] { ("binary_reduction", 500_000L), ("frequency_reduction", 2_160_000L) }));
    }

    [Test]
    public void Evaluate_BinaryImprovementJustUnderFivePoints_NoBinaryLine()
    {
        // 11 of 20 reoffend: 0.55 − 0.55 = 0 < 0.05. Frequency 0.55: £1,200 × 0.85 × 20 = £20,400.00.
        var (participants, evidence) = Cohort(20, "2012-01-15", reoffencesEach: [.. Enumerable.Repeat(1, 11)]);

        var lines = ReoffendingModel.Evaluate(participants, evidence, D(Q1Due), D(Q1Due), Terms);

        Assert.That(lines.Select(l => (l.Outcome, l.Pence)), Is.EqualTo(new[] { ("frequency_reduction", 2_040_000L) }));
    }

    [Test]
    public void Evaluate_FrequencyAtNinetyPercentOfBaseline_PaysAndOneMoreDoesNot()
    {
        // 50 released; 0.9 × 1.40 × 50 = 63 reoffences allowed. 21 reoffenders with 3 each = 63:
        // binary 21/50 = 0.42 → £5,000 × 0.13 × 50 = £32,500; frequency £1,200 × (70 − 63) = £8,400.
        var (participants, evidence) = Cohort(50, "2012-02-01", reoffencesEach: [.. Enumerable.Repeat(3, 21)]);
        var (morePeople, moreEvidence) = Cohort(50, "2012-02-01", reoffencesEach: [.. Enumerable.Repeat(3, 21), 1]);

        var atLimit = ReoffendingModel.Evaluate(participants, evidence, D(Q1Due), D(Q1Due), Terms);
        var over = ReoffendingModel.Evaluate(morePeople, moreEvidence, D(Q1Due), D(Q1Due), Terms);

        Assert.That(atLimit.Select(l => l.Pence), Is.EqualTo(new[] { 3_250_000L, 840_000L }));
        Assert.That(over.Select(l => l.Outcome), Is.EqualTo(new[] { "binary_reduction" }));
    }

    [Test]
    public void Evaluate_CapCuts_BinaryFirstFrequencyTakesTheRest()
    {
        // 90 released, 20 reoffenders with one each. Binary £5,000 × (49.5 − 20) = £147,500;
        // frequency £1,200 × (126 − 20) = £127,200; together £274,700 > £250,000, so frequency
        // gets £250,000 − £147,500 = £102,500.
        var (participants, evidence) = Cohort(90, "2012-03-31", reoffencesEach: [.. Enumerable.Repeat(1, 20)]);

        var lines = ReoffendingModel.Evaluate(participants, evidence, D(Q1Due), D(Q1Due), Terms);

        Assert.That(lines.Select(l => l.Pence), Is.EqualTo(new[] { 14_750_000L, 10_250_000L }));
    }

    [Test]
    public void Evaluate_CapTakenByBinary_NoFrequencyLine()
    {
        // 100 released, none reoffend: binary £5,000 × 55 = £275,000, cut to £250,000; nothing left.
        var (participants, evidence) = Cohort(100, "2012-01-01", reoffencesEach: []);

        var lines = ReoffendingModel.Evaluate(participants, evidence, D(Q1Due), D(Q1Due), Terms);

        Assert.That(lines, Is.EqualTo(new[] { new ModelLine("binary_reduction", 1, 25_000_000, D(Q1Due)) }));
    }

    [Test]
    public void Evaluate_FractionOfPenny_RoundsHalfAwayFromZero()
    {
        // One released, no reoffence. 50p × 0.55 × 1 = 27.5p → 28p; 10p × 1.45 × 1 = 14.5p → 15p.
        var (participants, evidence) = Cohort(1, "2012-01-01", reoffencesEach: []);

        var lines = ReoffendingModel.Evaluate(participants, evidence, D(Q1Due), D(Q1Due), 0.55m, 1.45m, 50, 10, 1_000);

        Assert.That(lines.Select(l => l.Pence), Is.EqualTo(new[] { 28L, 15L }));
    }

    [Test]
    public void Evaluate_LateEvidence_UnseenWhenKnownEarlier()
    {
        // One of two reoffends, recorded 1 Jun 2013. Known at 31 May: rate 0 → binary £5,000 × 1.10 = £5,500.
        // Known at 1 Jun: rate 0.5 → 0.05 → £5,000 × 0.05 × 2 = £500.
        var participants = new[] { Released("R1", "2012-01-15"), Released("R2", "2012-01-15") };
        EvidenceVersion[] evidence = [Offence("X1", "R1", "2012-12-01", "2013-06-01")];

        var early = ReoffendingModel.Evaluate(participants, evidence, D(Q1Due), D("2013-05-31"), Terms);
        var late = ReoffendingModel.Evaluate(participants, evidence, D(Q1Due), D("2013-06-01"), Terms);

        Assert.That(early[0].Pence, Is.EqualTo(550_000));
        Assert.That(late[0].Pence, Is.EqualTo(50_000));
    }

    [Test]
    public void Evaluate_ParticipantsOfTwoQuarters_Throws()
    {
        var participants = new[] { Released("R1", "2012-03-31"), Released("R2", "2012-04-01") };

        Assert.That(() => ReoffendingModel.Evaluate(participants, [], D("2014-12-31"), D("2014-12-31"), Terms), Throws.ArgumentException);
    }

    [TestCase("2012-01-01", "2012-Q1", "2012-03-31")]
    [TestCase("2012-02-29", "2012-Q1", "2012-03-31")]
    [TestCase("2013-04-01", "2013-Q2", "2013-06-30")]
    [TestCase("2013-09-30", "2013-Q3", "2013-09-30")]
    [TestCase("2014-12-31", "2014-Q4", "2014-12-31")]
    public void CohortOf_And_QuarterEnd(string release, string cohort, string quarterEnd)
    {
        Assert.That(ReoffendingModel.CohortOf(D(release)), Is.EqualTo(cohort));
        Assert.That(ReoffendingModel.QuarterEnd(D(release)), Is.EqualTo(D(quarterEnd)));
    }

    // A cohort of `size` released on one day; participant i (from 0) has reoffencesEach[i] reoffences,
    // each in June 2012 and recorded in August 2012, well inside every window.
    private static (List<Participant> Participants, List<EvidenceVersion> Evidence) Cohort(int size, string release, int[] reoffencesEach)
    {
        var participants = Enumerable.Range(0, size).Select(i => Released($"R{i}", release)).ToList();
        var evidence = new List<EvidenceVersion>();
        for (var i = 0; i < reoffencesEach.Length; i++)
        {
            for (var k = 0; k < reoffencesEach[i]; k++)
            {
                evidence.Add(Offence($"X{i}-{k}", $"R{i}", "2012-06-01", "2012-08-01"));
            }
        }

        return (participants, evidence);
    }
}
