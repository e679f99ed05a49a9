using NodaTime;
using Pbr.Core;
using Pbr.Core.Model;
using Pbr.Engine.Tests.Fixtures;
using Pbr.Ledger.Postgres.Settlement;

namespace Pbr.Ledger.Postgres.Tests.Settlement;

/// <summary>
/// RELIABILITY test 15: a run that would claw back more than the configured share of what a contract
/// has been paid stops for review and posts nothing; within the bound it posts as usual.
/// </summary>
public sealed class SafetyBoundTests : LedgerFixture
{
    [TestCase(50, SettleStatus.NeedsReview, 1)]
    [TestCase(95, SettleStatus.Settled, 2)]
    public async Task SettleAsync_RevocationClawsBackMostOfThePaid_StopsOnlyWhenOverTheBound(int percent, SettleStatus expected, int runsAfter)
    {
        // May pays the toy scheme's attachment £100.00 and job £1,000.00 (the spell ends before any
        // sustainment block completes): £1,100.00 paid. The June revocation claws back the £1,000.00
        // job, 90.9% of what was paid: over a 50% bound, within a 95% one.
        var c = NewContract();
        await ImportParticipantsAsync(c, [Rows.Participant("A1", new LocalDate(2024, 1, 10))]);
        var verified = Rows.Employment("E1", "A1", new LocalDate(2024, 2, 1), new LocalDate(2024, 3, 1), new LocalDate(2024, 2, 5));
        await ImportEvidenceAsync(c, [verified]);
        var may = await SettleAsync(c, new LocalDate(2024, 5, 1));
        Assert.That(may.Runs.Single().Plan.Header.Payments.Pence, Is.EqualTo(110_000));
        await ImportEvidenceAsync(c, [verified with { Status = EvidenceStatus.Revoked, RecordedOn = new LocalDate(2024, 5, 10) }]);

        var june = await SettleWithBoundAsync(c, new LocalDate(2024, 6, 1), Rate.FromPercent(percent));

        Assert.That(june.Status, Is.EqualTo(expected));
        Assert.That(june.Runs.Single().Plan.Header.Clawbacks.Pence, Is.EqualTo(-100_000), "the plan is the same either way");
        Assert.That(await CountAsync("runs", c), Is.EqualTo(runsAfter));
        Assert.That((await BalancesAsync(c)).Values.Sum(), Is.EqualTo(expected == SettleStatus.NeedsReview ? 110_000 : 10_000));
    }

    private Task<SettleOutcome> SettleWithBoundAsync(ContractTerms contract, LocalDate asOf, Rate bound)
    {
        var runner = new SettlementRunner(App, TransientRetry.Create(3, TimeSpan.FromMilliseconds(10)));
        return runner.SettleAsync(new SettleRequest(asOf, asOf, [contract.Id], DryRun: false, NoWait: false, MaxClawbackShare: bound), new ToyCatalog(contract));
    }
}
