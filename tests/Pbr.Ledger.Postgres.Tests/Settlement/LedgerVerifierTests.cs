using Dapper;
using NodaTime;
using Pbr.Engine.Tests.Fixtures;
using Pbr.Ledger.Postgres.Verification;

namespace Pbr.Ledger.Postgres.Tests.Settlement;

/// <summary>RELIABILITY 17, second half: an edit made as superuser with the triggers switched off is still found.</summary>
public sealed class LedgerVerifierTests : LedgerFixture
{
    [Test]
    public async Task VerifyAsync_UntouchedLedger_IsIntact()
    {
        var c = NewContract();
        await ImportAsync(c, Timeline.Generate(21, 10));
        await SettleAsync(c, new LocalDate(2024, 5, 1));
        await SettleAsync(c, new LocalDate(2024, 9, 1));

        var report = await new LedgerVerifier(App).VerifyAsync(c.Id);

        Assert.That(report.Findings, Is.Empty);
        Assert.That(report.RunsChecked, Is.EqualTo(2));
    }

    [Test]
    public async Task VerifyAsync_AmountEditedBySuperuser_ReportsTheLineAndItsRun()
    {
        // A's £100.00 attachment becomes £1,100.00 behind the triggers' back.
        var c = NewContract();
        await ImportParticipantsAsync(c, [Rows.Participant("A1", new LocalDate(2024, 1, 10))]);
        await SettleAsync(c, new LocalDate(2024, 5, 1));
        await TamperAsync("UPDATE ledger_lines SET amount_pence = 110000 WHERE contract_id = @c", c);

        var report = await new LedgerVerifier(App).VerifyAsync(c.Id);

        Assert.That(report.Findings, Has.Some.Contains("the attachment instalment 1 line of 'A1' was altered after it was posted"));
        Assert.That(report.Findings, Has.Some.Contains("its hash does not match its header and lines"));
    }

    [Test]
    public async Task VerifyAsync_LineDeletedBySuperuser_ReportsTheRun()
    {
        var c = NewContract();
        await ImportParticipantsAsync(c, [Rows.Participant("A1", new LocalDate(2024, 1, 10)), Rows.Participant("B1", new LocalDate(2024, 1, 11))]);
        await SettleAsync(c, new LocalDate(2024, 5, 1));
        await TamperAsync("DELETE FROM ledger_lines WHERE contract_id = @c AND participant_id = 'B1'", c);

        var report = await new LedgerVerifier(App).VerifyAsync(c.Id);

        Assert.That(report.Findings, Has.Some.Contains("do not add up to its header (2, net 200.00)"));
    }

    [Test]
    public async Task VerifyAsync_RunDeletedBySuperuser_ReportsTheBrokenChain()
    {
        var c = NewContract();
        await ImportParticipantsAsync(c, [Rows.Participant("A1", new LocalDate(2024, 1, 10))]);
        await SettleAsync(c, new LocalDate(2024, 5, 1));
        await ImportParticipantsAsync(c, [Rows.Participant("B1", new LocalDate(2024, 6, 1))]);
        await SettleAsync(c, new LocalDate(2024, 7, 1));
        await TamperAsync("DELETE FROM ledger_lines WHERE contract_id = @c AND participant_id = 'A1'; DELETE FROM runs WHERE contract_id = @c AND line_count = 1 AND prev_hash = repeat('0', 64)", c);

        var report = await new LedgerVerifier(App).VerifyAsync(c.Id);

        Assert.That(report.RunsChecked, Is.EqualTo(1));
        Assert.That(report.Findings, Has.Some.Contains("previous-run hash does not match"));
    }

    private async Task TamperAsync(string sql, Pbr.Core.Model.ContractTerms c)
    {
        await using var connection = await Database.OpenAsync();
        await connection.ExecuteAsync("ALTER TABLE ledger_lines DISABLE TRIGGER ledger_lines_refuse_edit; ALTER TABLE runs DISABLE TRIGGER runs_refuse_edit");
        try
        {
            await connection.ExecuteAsync(sql, new { c = c.Id.Value });
        }
        finally
        {
            await connection.ExecuteAsync("ALTER TABLE ledger_lines ENABLE ALWAYS TRIGGER ledger_lines_refuse_edit; ALTER TABLE runs ENABLE ALWAYS TRIGGER runs_refuse_edit");
        }
    }
}
