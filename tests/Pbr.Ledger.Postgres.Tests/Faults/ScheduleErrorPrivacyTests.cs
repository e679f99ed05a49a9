using NodaTime;
using NodaTime.Testing;
using Pbr.Engine.Tests.Fixtures;
using Pbr.Ledger.Postgres.Scheduling;
using Pbr.Ledger.Postgres.Tests.Settlement;
using Polly;

namespace Pbr.Ledger.Postgres.Tests.Faults;

/// <summary>
/// RELIABILITY 22: the scheduler logs a failed contract's error text at Error level (SchedulerHost),
/// so that text must not name a participant, even when the failure is a problem with one.
/// </summary>
[Category("Faults")]
public sealed class ScheduleErrorPrivacyTests : LedgerFixture
{
    [Test]
    public async Task RunAsync_ParticipantWithBadData_ErrorGivesKindsAndCountsButNoParticipantId()
    {
        // The toy scheme refuses a payment group other than easy or hard: a BadData problem about SECRET-7 and SECRET-8.
        var contract = NewContract();
        await ImportParticipantsAsync(contract, [Rows.Participant("SECRET-7", new LocalDate(2024, 1, 10), "neither"), Rows.Participant("SECRET-8", new LocalDate(2024, 1, 10), "neither")]);
        var clock = new FakeClock(Instant.FromUtc(2024, 5, 5, 1, 0));
        var settlement = new ScheduledSettlement(App, ResiliencePipeline.Empty, clock, "host-a", null);
        var fire = new ScheduledFire("privacy", clock.GetCurrentInstant(), new LocalDate(2024, 4, 30), new LocalDate(2024, 5, 5));

        var result = (await settlement.RunAsync(fire, [contract.Id], new ToyCatalog(contract))).Single().Result!;

        Assert.That(result.Outcome, Is.EqualTo(ScheduleOutcome.Failed));
        Assert.That(result.Error, Is.EqualTo("2 problem(s) (BadData 2); nothing was posted; 'pbr settle --dry-run' for this contract and as-of date names each participant or cohort"));
    }
}
