using Dapper;
using NodaTime;
using Pbr.Core.Model;
using Pbr.Engine.Settlement;
using Pbr.Engine.Tests.Fixtures;
using Pbr.Ledger.Postgres.Settlement;

namespace Pbr.Ledger.Postgres.Tests.Settlement;

/// <summary>Settlement runs against a real PostgreSQL, as the application role (RELIABILITY tests 1, 10, 11, 16).</summary>
public sealed class SettlementRunnerTests : LedgerFixture
{
    private static readonly LocalDate May = new(2024, 5, 1);

    [Test]
    public async Task SettleAsync_FirstRun_PostsEveryDueLineWithHeaderTotals()
    {
        // Start 2024-01-10, verified spell from 2024-02-01: £100 + £1,000 + 2 × £250 (due 03-28, 04-25) = £1,600.00.
        var c = NewContract();
        await ImportParticipantsAsync(c, [Rows.Participant("A1", new LocalDate(2024, 1, 10))]);
        await ImportEvidenceAsync(c, [Rows.Employment("E1", "A1", new LocalDate(2024, 2, 1), null, new LocalDate(2024, 2, 5))]);

        var outcome = await SettleAsync(c, May);

        Assert.That(outcome.Status, Is.EqualTo(SettleStatus.Settled));
        Assert.That(await BalancesAsync(c), Is.EqualTo(new Dictionary<string, long>
        {
            ["A1||attachment|1"] = 10000,
            ["A1||job|1"] = 100000,
            ["A1||sustain|1"] = 25000,
            ["A1||sustain|2"] = 25000,
        }));
        await using var connection = await Database.OpenAsync();
        var header = await connection.QuerySingleAsync<(int Lines, long Payments, long Clawbacks, long Net, string Prev)>(
            "SELECT line_count, payments_pence, clawbacks_pence, net_pence, prev_hash FROM runs WHERE contract_id = @c", new { c = c.Id.Value });
        Assert.That(header, Is.EqualTo((4, 160000L, 0L, 160000L, new string('0', 64))));
    }

    [Test]
    public async Task SettleAsync_LinesNotKept_OutcomeHasHeadersOnlyAndTheLedgerEveryLine()
    {
        // Two contracts, each with A1 started 2024-01-10 and a verified spell from 2024-02-01: four lines and
        // £1,600.00 each (the test above). Without KeepLines the outcome keeps the headers, not the lines.
        ContractTerms[] both = [NewContract(), NewContract()];
        foreach (var c in both)
        {
            await ImportParticipantsAsync(c, [Rows.Participant("A1", new LocalDate(2024, 1, 10))]);
            await ImportEvidenceAsync(c, [Rows.Employment("E1", "A1", new LocalDate(2024, 2, 1), null, new LocalDate(2024, 2, 5))]);
        }

        var runner = new SettlementRunner(App, TransientRetry.Create(3, TimeSpan.FromMilliseconds(10)));
        var outcome = await runner.SettleAsync(new SettleRequest(May, May, [.. both.Select(c => c.Id)], DryRun: false, NoWait: false, KeepLines: false), new ToyCatalog(both));

        Assert.That(outcome.Runs.Select(r => (r.Plan.Header.LineCount, r.Plan.Header.Payments.Pence, r.Plan.Lines.Length, r.Plan.IsEmpty)),
            Is.EqualTo(new[] { (4, 160000L, 0, false), (4, 160000L, 0, false) }));
        Assert.That(outcome.LineCount, Is.EqualTo(8));
        foreach (var c in both)
        {
            Assert.That(await CountAsync("ledger_lines", c), Is.EqualTo(4));
        }
    }

    [Test]
    public async Task SettleAsync_SameRunTwice_SecondPostsNothingAndSaysSo()
    {
        // RELIABILITY 1.
        var c = NewContract();
        await ImportAsync(c, Timeline.Generate(7, 15));
        var first = await SettleAsync(c, May);

        var second = await SettleAsync(c, May);

        Assert.That(first.LineCount, Is.GreaterThan(0));
        Assert.That(second.Status, Is.EqualTo(SettleStatus.Settled));
        Assert.That(second.LineCount, Is.Zero);
        Assert.That(second.Runs.Single().RunId, Is.Null, "no run header either");
        Assert.That(await CountAsync("runs", c), Is.EqualTo(1));
    }

    [Test]
    public async Task SettleAsync_EvidenceRevokedAfterPayment_ClawbackLineInTheNextRunNeverAnEdit()
    {
        // RELIABILITY 11. May pays the job (£1,000); a revoked version recorded 2024-05-10 claws it back in June.
        var c = NewContract();
        await ImportParticipantsAsync(c, [Rows.Participant("A1", new LocalDate(2024, 1, 10))]);
        var verified = Rows.Employment("E1", "A1", new LocalDate(2024, 2, 1), new LocalDate(2024, 3, 1), new LocalDate(2024, 2, 5));
        await ImportEvidenceAsync(c, [verified]);
        await SettleAsync(c, May);
        await ImportEvidenceAsync(c, [verified with { Status = EvidenceStatus.Revoked, RecordedOn = new LocalDate(2024, 5, 10) }]);

        var june = await SettleAsync(c, new LocalDate(2024, 6, 1));

        var line = june.Runs.Single().Plan.Lines.Single();
        Assert.That((line.Key.Outcome, line.Kind, line.Amount.Pence), Is.EqualTo(("job", LineKind.Clawback, -100000L)));
        await using var connection = await Database.OpenAsync();
        var amounts = await connection.QueryAsync<long>(
            "SELECT amount_pence FROM ledger_lines WHERE contract_id = @c AND outcome = 'job' ORDER BY run_id", new { c = c.Id.Value });
        Assert.That(amounts, Is.EqualTo(new[] { 100000L, -100000L }), "the payment is still there, followed by its clawback");
    }

    [Test]
    public async Task SettleAsync_LateEvidenceForAClosedPeriod_DeltaLineDatedInTheOriginalPeriod()
    {
        // RELIABILITY 10. A spell from 2024-02-01 recorded only on 2024-06-15: the July run pays the job, due 2024-02-29.
        var c = NewContract();
        await ImportParticipantsAsync(c, [Rows.Participant("A1", new LocalDate(2024, 1, 10))]);
        await SettleAsync(c, new LocalDate(2024, 5, 31));
        await ImportEvidenceAsync(c, [Rows.Employment("E1", "A1", new LocalDate(2024, 2, 1), new LocalDate(2024, 3, 10), new LocalDate(2024, 6, 15))]);

        var july = await SettleAsync(c, new LocalDate(2024, 7, 1));

        var job = july.Runs.Single().Plan.Lines.Single(l => l.Key.Outcome == "job");
        Assert.That((job.Amount.Pence, job.DueDate), Is.EqualTo((100000L, new LocalDate(2024, 2, 29))));
    }

    [Test]
    public async Task SettleAsync_DryRunThenRealRun_IdenticalLinesAndRunHash_DryRunPostsNothing()
    {
        // RELIABILITY 16.
        var c = NewContract();
        await ImportAsync(c, Timeline.Generate(11, 20));

        var dry = await SettleAsync(c, May, dryRun: true);
        var countAfterDry = await CountAsync("runs", c);
        var real = await SettleAsync(c, May);

        Assert.That(countAfterDry, Is.Zero);
        Assert.That(dry.Runs.Single().Plan.Header.Hash, Is.EqualTo(real.Runs.Single().Plan.Header.Hash));
        Assert.That(dry.Runs.Single().Plan.Lines, Is.EqualTo(real.Runs.Single().Plan.Lines).Using(LineComparer.Instance));
        await using var connection = await Database.OpenAsync();
        var stored = await connection.QueryAsync<string>("SELECT encode(line_hash, 'hex') AS h FROM ledger_lines WHERE contract_id = @c ORDER BY h", new { c = c.Id.Value });
        Assert.That(stored, Is.EqualTo(dry.Runs.Single().Plan.Lines.Select(l => l.Hash).Order(StringComparer.Ordinal)));
    }

    [Test]
    public async Task SettleAsync_RowsReadInAnyOrder_RunHashEqualsThePureEnginesHash()
    {
        // DESIGN §8.1: rows imported shuffled, read back in whatever order PostgreSQL returns them,
        // hash exactly as the engine hashes the rows in generation order.
        var c = NewContract();
        var timeline = Timeline.Generate(3, 25);
        await ImportAsync(c, timeline.Shuffled(99));

        var outcome = await SettleAsync(c, May);

        var expected = SettlementPlanner.Plan(
            new SettlementInput(c, new ToyScheme(), Rows.TariffSha, [Rows.TariffSha, new ToyCatalog(c).ContractSha256(c.Id)],
                [.. timeline.Participants.Select(p => In(c, p))], [.. timeline.Evidence.Select(e => In(c, e))], May, May, Pbr.Engine.EngineInfo.Version),
            [],
            Pbr.Engine.Hashing.Sha256Hex.Genesis);
        Assert.That(outcome.Runs.Single().Plan.Header.Hash, Is.EqualTo(expected.Header.Hash));
    }

    [Test]
    public async Task SettleAsync_KnownAtBeforeTheEvidence_DoesNotSeeIt()
    {
        // As of 2024-05-01 but known at 2024-02-04: the spell recorded on 02-05 is unknown, only the £100 attachment is due.
        var c = NewContract();
        await ImportParticipantsAsync(c, [Rows.Participant("A1", new LocalDate(2024, 1, 10))]);
        await ImportEvidenceAsync(c, [Rows.Employment("E1", "A1", new LocalDate(2024, 2, 1), null, new LocalDate(2024, 2, 5))]);

        var outcome = await SettleAsync(c, May, knownAt: new LocalDate(2024, 2, 4));

        Assert.That(outcome.Runs.Single().Plan.Header.Net.Pence, Is.EqualTo(10000));
        Assert.That(outcome.Runs.Single().Plan.Header.EvidenceCount, Is.Zero);
    }

    [Test]
    public async Task SettleAsync_RunsChainByPrevHash()
    {
        var c = NewContract();
        await ImportParticipantsAsync(c, [Rows.Participant("A1", new LocalDate(2024, 1, 10))]);
        var first = await SettleAsync(c, May);
        await ImportParticipantsAsync(c, [Rows.Participant("B1", new LocalDate(2024, 5, 15))]);

        var second = await SettleAsync(c, new LocalDate(2024, 6, 1));

        Assert.That(second.Runs.Single().Plan.Header.PrevHash, Is.EqualTo(first.Runs.Single().Plan.Header.Hash));
    }
}
