using Pbr.Core.Model;
using Pbr.TestKit.Reference;
using static Pbr.Engine.Tests.Reference.Evidence;

namespace Pbr.Engine.Tests.Reference;

/// <summary>Hand-calculated cases for the Work Programme reference model, from the table and rules of issue 3.</summary>
public sealed class WorkProgrammeModelTests
{
    [TestCase("2011-06-01", 40000L)]
    [TestCase("2012-03-31", 40000L)]
    [TestCase("2012-04-01", 30000L)] // £400 × 75%
    [TestCase("2013-03-31", 30000L)]
    [TestCase("2013-04-01", 20000L)] // £400 × 50%
    [TestCase("2014-03-31", 20000L)]
    public void Evaluate_Attachment_TaperedByFinancialYear(string start, long pence)
    {
        var lines = WorkProgrammeModel.Evaluate("JSA 18-24", D(start), [], D("2016-12-31"), D("2016-12-31"), 0m);

        Assert.That(lines, Is.EqualTo(new[] { new ModelLine("attachment", 1, pence, D(start)) }));
    }

    [Test]
    public void Evaluate_AttachmentFromApril2014_NoLine()
    {
        Assert.That(WorkProgrammeModel.Evaluate("ESA Ex-IB", D("2014-04-01"), [], D("2016-12-31"), D("2016-12-31"), 0m), Is.Empty);
    }

    [Test]
    public void Evaluate_AttachmentTaperAndDiscount_RoundedOnce()
    {
        // ESA Ex-IB £600 × 75% = £450.00; × (1 − 7.5%) = £416.25 exactly.
        var lines = WorkProgrammeModel.Evaluate("ESA Ex-IB", D("2012-05-01"), [], D("2012-05-01"), D("2012-05-01"), 7.5m);

        Assert.That(lines.Single().Pence, Is.EqualTo(41625));
    }

    [Test]
    public void Evaluate_StartAfterAsOf_NoLines()
    {
        Assert.That(WorkProgrammeModel.Evaluate("JSA 25+", D("2012-01-02"), [], D("2012-01-01"), D("2012-01-01"), 0m), Is.Empty);
    }

    [Test]
    public void Evaluate_ThresholdReachedExactly_JobOutcomeOnThatDay()
    {
        // JSA Early Access: 13 weeks = 91 days. 1 June to 30 August 2011 = 30 + 31 + 30 = 91 days.
        var lines = WorkProgrammeModel.Evaluate(
            "JSA Early Access", D("2011-06-01"), [Job("E1", "2011-06-01", "2011-08-30")], D("2011-12-31"), D("2011-12-31"), 0m);

        Assert.That(lines, Is.EqualTo(new[]
        {
            new ModelLine("attachment", 1, 40000, D("2011-06-01")),
            new ModelLine("job_outcome", 1, 120000, D("2011-08-30")),
        }));
    }

    [Test]
    public void Evaluate_ThresholdADayShort_NoJobOutcome()
    {
        // 1 June to 29 August 2011 = 90 days, one short of 91.
        var lines = WorkProgrammeModel.Evaluate(
            "JSA Early Access", D("2011-06-01"), [Job("E1", "2011-06-01", "2011-08-29")], D("2011-12-31"), D("2011-12-31"), 0m);

        Assert.That(lines.Select(l => l.Outcome), Is.EqualTo(new[] { "attachment" }));
    }

    [Test]
    public void Evaluate_SpellBeforeStart_ClippedToStartDate()
    {
        // The May days do not count: the 91st day from 1 June is still 30 August.
        var lines = WorkProgrammeModel.Evaluate(
            "JSA Early Access", D("2011-06-01"), [Job("E1", "2011-05-01", "2011-08-30")], D("2011-12-31"), D("2011-12-31"), 0m);

        Assert.That(lines[1], Is.EqualTo(new ModelLine("job_outcome", 1, 120000, D("2011-08-30"))));
    }

    [Test]
    public void Evaluate_OverlappingSpells_DaysCountOnce()
    {
        // JSA 25+: 26 weeks = 182 days. Union of 1 Jun–30 Sep and 1 Sep–30 Nov = 1 Jun–30 Nov = 183 days,
        // so the 182nd day is 29 November (counting September twice would reach 182 on 31 October).
        var lines = WorkProgrammeModel.Evaluate(
            "JSA 25+",
            D("2011-06-01"),
            [Job("E1", "2011-06-01", "2011-09-30"), Job("E2", "2011-09-01", "2011-11-30")],
            D("2012-03-31"),
            D("2012-03-31"),
            0m);

        Assert.That(lines, Is.EqualTo(new[]
        {
            new ModelLine("attachment", 1, 40000, D("2011-06-01")),
            new ModelLine("job_outcome", 1, 120000, D("2011-11-29")),
        }));
    }

    [Test]
    public void Evaluate_OpenSpell_RunsThroughAsOfOnly()
    {
        // Open from 1 June; as of 29 August that is 90 days, as of 30 August 91.
        EvidenceVersion[] open = [Job("E1", "2011-06-01", null)];

        Assert.That(WorkProgrammeModel.Evaluate("JSA Ex-IB", D("2011-06-01"), open, D("2011-08-29"), D("2011-08-29"), 0m), Has.Count.EqualTo(1));
        Assert.That(WorkProgrammeModel.Evaluate("JSA Ex-IB", D("2011-06-01"), open, D("2011-08-30"), D("2011-08-30"), 0m)[1].DueDate, Is.EqualTo(D("2011-08-30")));
    }

    [Test]
    public void Evaluate_ContinuousWork_SustainmentEvery28Days()
    {
        // Job outcome 30 Aug 2011; block 1 is 31 Aug + 27 = 27 Sep; block 2 is 28 Sep + 27 = 25 Oct.
        EvidenceVersion[] open = [Job("E1", "2011-06-01", null)];

        var lines = WorkProgrammeModel.Evaluate("JSA Early Access", D("2011-06-01"), open, D("2011-10-25"), D("2011-10-25"), 0m);
        var dayBefore = WorkProgrammeModel.Evaluate("JSA Early Access", D("2011-06-01"), open, D("2011-10-24"), D("2011-10-24"), 0m);

        Assert.That(lines.Where(l => l.Outcome == "sustainment"), Is.EqualTo(new[]
        {
            new ModelLine("sustainment", 1, 25000, D("2011-09-27")),
            new ModelLine("sustainment", 2, 25000, D("2011-10-25")),
        }));
        Assert.That(dayBefore.Count(l => l.Outcome == "sustainment"), Is.EqualTo(1));
    }

    [Test]
    public void Evaluate_GapInWork_BreaksTheBlock()
    {
        // Job outcome 30 Aug. 31 Aug–20 Sep is 21 days, then 21 Sep without work: lost.
        // Blocks then end 22 Sep + 27 = 19 Oct, 20 Oct + 27 = 16 Nov, 17 Nov + 27 = 14 Dec;
        // the next would end 11 Jan 2012, after D.
        var lines = WorkProgrammeModel.Evaluate(
            "JSA Early Access",
            D("2011-06-01"),
            [Job("E1", "2011-06-01", "2011-09-20"), Job("E2", "2011-09-22", null)],
            D("2011-12-31"),
            D("2011-12-31"),
            0m);

        Assert.That(lines.Where(l => l.Outcome == "sustainment").Select(l => l.DueDate), Is.EqualTo(new[] { D("2011-10-19"), D("2011-11-16"), D("2011-12-14") }));
    }

    [Test]
    public void Evaluate_Discount_RoundsHalfAwayFromZero()
    {
        // JSA 25+, 7.5% off: attachment £400 × 0.925 = £370.00; job £1,200 × 0.925 = £1,110.00;
        // sustainment £215 × 0.925 = £198.875, rounded to £198.88. Job outcome 29 Nov (182nd day),
        // first block 30 Nov + 27 = 27 Dec 2011.
        var lines = WorkProgrammeModel.Evaluate(
            "JSA 25+", D("2011-06-01"), [Job("E1", "2011-06-01", null)], D("2011-12-27"), D("2011-12-27"), 7.5m);

        Assert.That(lines, Is.EqualTo(new[]
        {
            new ModelLine("attachment", 1, 37000, D("2011-06-01")),
            new ModelLine("job_outcome", 1, 111000, D("2011-11-29")),
            new ModelLine("sustainment", 1, 19888, D("2011-12-27")),
        }));
    }

    [Test]
    public void Evaluate_LongEmployment_StopsAtMaximumAndPublishedTotal()
    {
        // ESA Volunteers: 20 sustainments at most. The 20th is due 30 Aug 2011 + 20 × 28 = 560 days
        // = 12 Mar 2013 (366 days to 30 Aug 2012, then 194 more). Total £400 + £1,000 + 20 × £115 = £3,700.
        var lines = WorkProgrammeModel.Evaluate(
            "ESA Volunteers", D("2011-06-01"), [Job("E1", "2011-06-01", null)], D("2014-01-01"), D("2014-01-01"), 0m);

        Assert.That(lines.Count(l => l.Outcome == "sustainment"), Is.EqualTo(20));
        Assert.That(lines[^1], Is.EqualTo(new ModelLine("sustainment", 20, 11500, D("2013-03-12"))));
        Assert.That(lines.Sum(l => l.Pence), Is.EqualTo(370000));
    }

    [Test]
    public void Evaluate_JobOutcomeWindow_LastDayIsStartPlus104WeeksMinusOne()
    {
        // Start 1 Jun 2011 + 728 days = 29 May 2013, so the last day is 28 May 2013.
        // 27 Feb–28 May 2013 is 2 + 31 + 30 + 28 = 91 days; a day later it ends on 29 May, too late.
        var onTime = WorkProgrammeModel.Evaluate(
            "JSA Early Access", D("2011-06-01"), [Job("E1", "2013-02-27", "2013-05-28")], D("2013-12-31"), D("2013-12-31"), 0m);
        var late = WorkProgrammeModel.Evaluate(
            "JSA Early Access", D("2011-06-01"), [Job("E1", "2013-02-28", "2013-05-29")], D("2013-12-31"), D("2013-12-31"), 0m);

        Assert.That(onTime.Single(l => l.Outcome == "job_outcome").DueDate, Is.EqualTo(D("2013-05-28")));
        Assert.That(late.Select(l => l.Outcome), Is.EqualTo(new[] { "attachment" }));
    }

    [Test]
    public void Evaluate_RevokedLater_CountsOnlyUntilTheRevocationIsKnown()
    {
        EvidenceVersion[] versions =
        [
            Job("E1", "2011-06-01", "2011-08-31", EvidenceStatus.Verified, "2011-09-01"),
            Job("E1", "2011-06-01", "2011-08-31", EvidenceStatus.Revoked, "2011-10-01"),
        ];

        var before = WorkProgrammeModel.Evaluate("JSA Early Access", D("2011-06-01"), versions, D("2011-12-31"), D("2011-09-30"), 0m);
        var after = WorkProgrammeModel.Evaluate("JSA Early Access", D("2011-06-01"), versions, D("2011-12-31"), D("2011-10-01"), 0m);

        Assert.That(before.Select(l => l.Outcome), Is.EqualTo(new[] { "attachment", "job_outcome" }));
        Assert.That(after.Select(l => l.Outcome), Is.EqualTo(new[] { "attachment" }));
    }

    [Test]
    public void Evaluate_CorrectedEndDate_LatestKnownVersionWins()
    {
        // First version ends 29 Aug (90 days); the correction to 30 Aug (91 days) is known from 1 Oct.
        EvidenceVersion[] versions =
        [
            Job("E1", "2011-06-01", "2011-08-29", EvidenceStatus.Verified, "2011-09-01"),
            Job("E1", "2011-06-01", "2011-08-30", EvidenceStatus.Verified, "2011-10-01"),
        ];

        Assert.That(WorkProgrammeModel.Evaluate("JSA Ex-IB", D("2011-06-01"), versions, D("2011-12-31"), D("2011-09-30"), 0m), Has.Count.EqualTo(1));
        Assert.That(WorkProgrammeModel.Evaluate("JSA Ex-IB", D("2011-06-01"), versions, D("2011-12-31"), D("2011-10-01"), 0m), Has.Count.EqualTo(2));
    }

    [TestCase(EvidenceStatus.Pending)]
    [TestCase(EvidenceStatus.Rejected)]
    [TestCase(EvidenceStatus.Revoked)]
    public void Evaluate_UnverifiedEvidence_EarnsNothing(EvidenceStatus status)
    {
        var lines = WorkProgrammeModel.Evaluate(
            "JSA Early Access", D("2011-06-01"), [Job("E1", "2011-06-01", null, status)], D("2013-12-31"), D("2013-12-31"), 0m);

        Assert.That(lines.Select(l => l.Outcome), Is.EqualTo(new[] { "attachment" }));
    }

    [Test]
    public void Evaluate_LateRecordedOn_UnseenBeforeKnownAt()
    {
        EvidenceVersion[] late = [Job("E1", "2011-06-01", "2011-08-30", EvidenceStatus.Verified, "2011-12-01")];

        Assert.That(WorkProgrammeModel.Evaluate("JSA Early Access", D("2011-06-01"), late, D("2011-09-30"), D("2011-09-30"), 0m), Has.Count.EqualTo(1));
        Assert.That(WorkProgrammeModel.Evaluate("JSA Early Access", D("2011-06-01"), late, D("2011-09-30"), D("2011-12-01"), 0m), Has.Count.EqualTo(2));
    }

    [Test]
    public void Evaluate_UnknownGroup_Throws()
    {
        Assert.That(() => WorkProgrammeModel.Evaluate("JSA 99+", D("2011-06-01"), [], D("2011-06-01"), D("2011-06-01"), 0m), Throws.ArgumentException);
    }

    [Test]
    public void Tariff_MaxTotals_MatchThePublishedTable()
    {
        // The "max total" column of issue 3, in pence.
        long[] published = [381000, 439500, 660000, 660000, 370000, 610000, 1372000, 370000, 660000];

        Assert.That(WorkProgrammeTariff.All.Select(t => t.MaxTotalPence), Is.EqualTo(published));
    }
}
