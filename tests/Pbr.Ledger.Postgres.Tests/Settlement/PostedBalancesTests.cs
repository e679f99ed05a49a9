using Dapper;
using NodaTime;
using Pbr.Core.Model;
using Pbr.Engine.Tests.Fixtures;
using Pbr.Ledger.Postgres.Settlement;

namespace Pbr.Ledger.Postgres.Tests.Settlement;

/// <summary>
/// What a run reads as posted: per key, the sum of every line and the rule and tariff of the latest,
/// after runs that post to the same key again under a republished tariff.
/// </summary>
public sealed class PostedBalancesTests : LedgerFixture
{
    private const string Republished = "3333333333333333333333333333333333333333333333333333333333333333";

    [Test]
    public async Task PostedAsync_KeyPostedAgainUnderANewTariff_SumOfBothAndTheLatestTariff()
    {
        // A1 and B1 start in 2024-Q1, whose cohort closes on 2024-06-29. A1's job is known by July; B1's,
        // recorded in August, only by the second run, which pays the cohort bonus again for one more spell.
        var c = NewContract();
        var start = new LocalDate(2024, 1, 10);
        await ImportParticipantsAsync(c, [Rows.Participant("A1", start), Rows.Participant("B1", start)]);
        await ImportEvidenceAsync(c, [
            Rows.Employment("E1", "A1", new LocalDate(2024, 2, 1), null, new LocalDate(2024, 2, 5)),
            Rows.Employment("E2", "B1", new LocalDate(2024, 2, 10), null, new LocalDate(2024, 8, 1))]);

        await SettleWithAsync(new ToyCatalog(c), c, new LocalDate(2024, 7, 31));
        await SettleWithAsync(new ToyCatalog(c) { SchemeSha = Republished }, c, new LocalDate(2024, 8, 31));

        await using var connection = await Database.OpenAsync();
        var posted = (await LedgerReads.PostedAsync(connection, c.Id, CancellationToken.None)).ToDictionary(
            p => $"{p.Key.Participant}|{p.Key.Cohort}|{p.Key.Outcome}|{p.Key.Instalment}", p => (p.Amount.Pence, p.Rule, p.TariffSha256));

        // The bonus: £50.00 in July for one spell, £50.00 more in August under the republished tariff.
        Assert.That(posted["|2024-Q1|cohort_bonus|1"], Is.EqualTo((2 * ToyScheme.CohortFee.Pence, "cohort_bonus", Republished)));
        Assert.That(posted["A1||job|1"], Is.EqualTo((ToyScheme.JobFee.Pence, "job_outcome", Rows.TariffSha)));
        Assert.That(posted["B1||job|1"], Is.EqualTo((ToyScheme.JobFee.Pence, "job_outcome", Republished)));
        var cohortLines = await connection.ExecuteScalarAsync<long>(
            "SELECT count(*) FROM ledger_lines WHERE contract_id = @c AND cohort = '2024-Q1'", new { c = c.Id.Value });
        Assert.That(cohortLines, Is.EqualTo(2), "one bonus line in each run");
    }

    private async Task SettleWithAsync(ToyCatalog catalog, ContractTerms c, LocalDate asOf)
    {
        var runner = new SettlementRunner(App, TransientRetry.Create(3, TimeSpan.FromMilliseconds(10)), null);
        var outcome = await runner.SettleAsync(new SettleRequest(asOf, asOf, [c.Id], false, false), catalog);
        Assert.That(outcome.Status, Is.EqualTo(SettleStatus.Settled));
    }
}
