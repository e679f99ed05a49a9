using NodaTime;
using Pbr.Core;
using Pbr.Core.Model;
using Pbr.Engine.Settlement;
using Pbr.Engine.Tests.Fixtures;

namespace Pbr.Engine.Tests.Settlement;

public sealed class DeltaTests
{
    private static readonly LocalDate AsOf = new(2024, 6, 1);

    [Test]
    public void Compute_NothingPosted_EveryLineIsAPayment()
    {
        var lines = Delta.Compute(Rows.Contract, [Due("A1", "job", 100000)], [], AsOf, Rows.TariffSha);

        Assert.That(lines.Select(l => (l.Kind, l.Amount.Pence)), Is.EqualTo(new[] { (LineKind.Payment, 100000L) }));
    }

    [Test]
    public void Compute_SameAsPosted_PostsNothing()
    {
        var lines = Delta.Compute(Rows.Contract, [Due("A1", "job", 100000)], [Posted("A1", "job", 100000)], AsOf, Rows.TariffSha);

        Assert.That(lines, Is.Empty);
    }

    [Test]
    public void Compute_KeyNoLongerDue_ClawsBackTheWholeBalanceUnderItsRule()
    {
        // £1,000 posted, nothing now due: a clawback of -£1,000 dated the as-of date.
        var lines = Delta.Compute(Rows.Contract, [], [Posted("A1", "job", 100000)], AsOf, Rows.TariffSha);

        var line = lines.Single();
        Assert.That((line.Kind, line.Amount.Pence, line.DueDate, line.Rule), Is.EqualTo((LineKind.Clawback, -100000L, AsOf, "posted_rule")));
    }

    [Test]
    public void Compute_LessDueThanPosted_ClawsBackTheDifference()
    {
        // Cohort paid £150 (3 × £50), now £100 due: -£50.00 = -5000p.
        var due = new Entitlement(Rows.Contract.Id, null, "2024-Q1", "cohort_bonus", 1, Money.FromPence(10000), AsOf, [], "cohort_bonus", Explanation.None);
        var posted = new PostedBalance(due.Key, Money.FromPence(15000), "cohort_bonus", Rows.TariffSha);

        var lines = Delta.Compute(Rows.Contract, [due], [posted], AsOf, Rows.TariffSha);

        Assert.That(lines.Select(l => (l.Kind, l.Amount.Pence)), Is.EqualTo(new[] { (LineKind.Clawback, -5000L) }));
    }

    [Test]
    public void Compute_TwoEntitlementLinesForOneKey_Throws()
    {
        Assert.That(
            () => Delta.Compute(Rows.Contract, [Due("A1", "job", 1), Due("A1", "job", 2)], [], AsOf, Rows.TariffSha),
            Throws.ArgumentException);
    }

    [Test]
    public void Compute_LinesComeOutInKeyOrder_WhateverTheInputOrder()
    {
        var lines = Delta.Compute(Rows.Contract, [Due("B1", "job", 5), Due("A1", "job", 7)], [Posted("A0", "job", 3)], AsOf, Rows.TariffSha);

        Assert.That(lines.Select(l => l.Key.Participant), Is.EqualTo(new[] { "A0", "A1", "B1" }));
    }

    private static Entitlement Due(string participant, string outcome, long pence) =>
        new(Rows.Contract.Id, new ParticipantId(participant), null, outcome, 1, Money.FromPence(pence), new LocalDate(2024, 3, 1), [], "rule", Explanation.None);

    private static PostedBalance Posted(string participant, string outcome, long pence) =>
        new(new LineKey(Rows.Contract.Id, participant, string.Empty, outcome, 1), Money.FromPence(pence), "posted_rule", Rows.TariffSha);
}
