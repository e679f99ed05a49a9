using NodaTime;
using Pbr.Core.Model;
using Pbr.Engine.Tests.Fixtures;
using Pbr.Ledger.Postgres.Settlement;

namespace Pbr.Ledger.Postgres.Tests.Settlement;

/// <summary>
/// A settle whose inputs are exactly those of the contract's latest run reads and prices nothing; any
/// difference in the inputs (a row added, another date) makes it price everything again.
/// </summary>
public sealed class UnchangedInputsTests : LedgerFixture
{
    private static readonly LocalDate May = new(2024, 5, 1);

    [Test]
    public async Task SettleAsync_NothingNewSinceTheLatestRun_ReadsNothingAndPostsNothing()
    {
        var c = NewContract();
        await ImportAsync(c, Timeline.Generate(21, 12));
        var first = await SettleAsync(c, May);
        var reads = new Reads();

        var second = await SettleAsync(c, May, hooks: reads.Hooks);

        Assert.That(first.LineCount, Is.GreaterThan(0));
        Assert.That(second.LineCount, Is.Zero);
        Assert.That(reads.Count, Is.Zero, "the participants and evidence were not read");
        var header = second.Runs.Single().Plan.Header;
        Assert.That((header.ParticipantCount, header.EvidenceCount), Is.EqualTo((first.Runs.Single().Plan.Header.ParticipantCount, first.Runs.Single().Plan.Header.EvidenceCount)));
        Assert.That(await CountAsync("runs", c), Is.EqualTo(1));
    }

    [Test]
    public async Task SettleAsync_EvidenceAddedSinceTheLatestRun_PricesAgainAndPostsIt()
    {
        // A1 started 2024-01-10 and was paid the £100 attachment in May; a spell from 2024-02-01, recorded
        // on 2024-04-20 but imported after the run, brings the job (£1,000, due 02-29) and two sustainments (£250 each).
        var c = NewContract();
        await ImportParticipantsAsync(c, [Rows.Participant("A1", new LocalDate(2024, 1, 10))]);
        await SettleAsync(c, May);
        await ImportEvidenceAsync(c, [Rows.Employment("E1", "A1", new LocalDate(2024, 2, 1), null, new LocalDate(2024, 4, 20))]);
        var reads = new Reads();

        var again = await SettleAsync(c, May, hooks: reads.Hooks);

        Assert.That(reads.Count, Is.EqualTo(2), "participants and evidence read");
        Assert.That(again.Runs.Single().Plan.Lines.Sum(l => l.Amount.Pence), Is.EqualTo(150000L));
        Assert.That(await BalancesAsync(c), Is.EqualTo(new Dictionary<string, long>
        {
            ["A1||attachment|1"] = 10000,
            ["A1||job|1"] = 100000,
            ["A1||sustain|1"] = 25000,
            ["A1||sustain|2"] = 25000,
        }));
    }

    [Test]
    public async Task SettleAsync_ParticipantAddedSinceTheLatestRun_PricesAgain()
    {
        // B1 (start 2024-02-10) is new: its £100 attachment is owed.
        var c = NewContract();
        await ImportParticipantsAsync(c, [Rows.Participant("A1", new LocalDate(2024, 1, 10))]);
        await SettleAsync(c, May);
        await ImportParticipantsAsync(c, [Rows.Participant("B1", new LocalDate(2024, 2, 10))]);

        var again = await SettleAsync(c, May);

        Assert.That(again.Runs.Single().Plan.Lines.Select(l => (l.Key.Participant, l.Key.Outcome, l.Amount.Pence)), Is.EqualTo(new[] { ("B1", "attachment", 10000L) }));
    }

    [Test]
    public async Task SettleAsync_EvidenceRecordedAfterKnownAt_IsNotNewForThatRun()
    {
        // Recorded 2024-06-10, after the known-at date of 2024-05-01: a run known at May cannot see it,
        // so it repeats the latest run and reads nothing.
        var c = NewContract();
        await ImportParticipantsAsync(c, [Rows.Participant("A1", new LocalDate(2024, 1, 10))]);
        await SettleAsync(c, May);
        await ImportEvidenceAsync(c, [Rows.Employment("E1", "A1", new LocalDate(2024, 2, 1), null, new LocalDate(2024, 6, 10))]);
        var reads = new Reads();

        var again = await SettleAsync(c, May, hooks: reads.Hooks);

        Assert.That((again.LineCount, reads.Count), Is.EqualTo((0, 0)));
    }

    [Test]
    public async Task SettleAsync_LaterAsOfWithTheSameRows_PricesAgain()
    {
        // Nothing imported, but by June 1 a third sustainment (due 05-23) has fallen due: £250.
        var c = NewContract();
        await ImportParticipantsAsync(c, [Rows.Participant("A1", new LocalDate(2024, 1, 10))]);
        await ImportEvidenceAsync(c, [Rows.Employment("E1", "A1", new LocalDate(2024, 2, 1), null, new LocalDate(2024, 2, 5))]);
        await SettleAsync(c, May);

        var june = await SettleAsync(c, new LocalDate(2024, 6, 1));

        Assert.That(june.Runs.Single().Plan.Lines.Select(l => (l.Key.Outcome, l.Key.Instalment, l.Amount.Pence)), Is.EqualTo(new[] { ("sustain", 3, 25000L) }));
    }

    /// <summary>Counts the reads of participants and evidence a run makes, through the runner's hooks.</summary>
    private sealed class Reads
    {
        private int _count;

        public Reads() =>
            Hooks = new SettlementHooks((at, _, _) =>
            {
                if (at is "read-participants" or "read-evidence")
                {
                    Interlocked.Increment(ref _count);
                }

                return Task.CompletedTask;
            });

        public SettlementHooks Hooks { get; }

        public int Count => _count;
    }
}
