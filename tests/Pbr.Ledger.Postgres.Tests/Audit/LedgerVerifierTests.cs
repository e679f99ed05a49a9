using Dapper;
using NodaTime;
using Pbr.Core.Model;
using Pbr.Engine.Tests.Fixtures;
using Pbr.Ledger.Postgres.Audit;
using Pbr.Ledger.Postgres.Connections;

namespace Pbr.Ledger.Postgres.Tests.Audit;

/// <summary>
/// <c>pbr verify</c> against a real ledger (RELIABILITY test 17, DESIGN invariant 5): an untouched
/// ledger holds; an edit, an inserted row, a deleted row and a broken chain made as superuser are
/// each reported with the run and line.
/// </summary>
public sealed class LedgerVerifierTests : LedgerFixture
{
    private static readonly LocalDate May = new(2024, 5, 1);
    private static readonly LocalDate June = new(2024, 6, 1);

    [Test]
    public async Task VerifyAsync_UntouchedLedger_Holds()
    {
        var c = await TwoRunsAsync();

        var report = await VerifyAsAuditorAsync();

        Assert.That(For(report, c), Is.Empty);
        Assert.That(report.Runs, Is.GreaterThanOrEqualTo(2));
    }

    [Test]
    public async Task VerifyAsync_AmountEditedAsSuperuser_ReportsTheAlteredLine()
    {
        var c = await TwoRunsAsync();
        await TamperAsync("UPDATE ledger_lines SET amount_pence = amount_pence + 1 WHERE contract_id = @c AND outcome = 'job'", c);

        var findings = For(await VerifyAsAuditorAsync(), c);

        Assert.That(findings.Select(f => f.Kind), Does.Contain(FindingKind.AlteredLine));
        var altered = findings.First(f => f.Kind == FindingKind.AlteredLine);
        Assert.That(altered.Line, Is.EqualTo("(A1, job, 1)"));
        Assert.That(findings.Select(f => f.Kind), Does.Contain(FindingKind.ControlTotals), "the run's totals no longer add up either");
    }

    [Test]
    public async Task VerifyAsync_LineDeleted_ReportsTheRunsControlTotals()
    {
        var c = await TwoRunsAsync();
        await TamperAsync("DELETE FROM ledger_lines WHERE contract_id = @c AND outcome = 'attachment'", c);

        var findings = For(await VerifyAsAuditorAsync(), c);

        Assert.That(findings.Select(f => f.Kind), Is.SupersetOf(new[] { FindingKind.ControlTotals, FindingKind.AlteredRun }));
    }

    [Test]
    public async Task VerifyAsync_LineInserted_ReportsTheRunsControlTotals()
    {
        var c = await TwoRunsAsync();
        // A copy of a genuine line under a new instalment number: its own hash is recomputed to look
        // valid, so only the run's counts, totals and hash can give it away.
        await TamperAsync(
            """
            INSERT INTO ledger_lines (contract_id, run_id, provider_id, participant_id, cohort, outcome, instalment, kind,
                                      amount_pence, due_date, tariff_sha256, rule, evidence_ids, line_hash)
            SELECT contract_id, run_id, provider_id, participant_id, cohort, outcome, 99, kind,
                   amount_pence, due_date, tariff_sha256, rule, evidence_ids, line_hash
            FROM ledger_lines WHERE contract_id = @c AND outcome = 'attachment' AND participant_id = 'A1'
            """,
            c);

        var findings = For(await VerifyAsAuditorAsync(), c);

        Assert.That(findings.Select(f => f.Kind), Is.SupersetOf(new[] { FindingKind.ControlTotals, FindingKind.AlteredRun, FindingKind.AlteredLine }));
        Assert.That(findings.Single(f => f.Kind == FindingKind.AlteredLine).Line, Is.EqualTo("(A1, attachment, 99)"));
    }

    [Test]
    public async Task VerifyAsync_FirstRunHashRewritten_ReportsAlteredRunAndBrokenChain()
    {
        var c = await TwoRunsAsync();
        await TamperAsync(
            "UPDATE runs SET run_hash = repeat('f', 64) WHERE contract_id = @c AND run_id = (SELECT min(run_id) FROM runs WHERE contract_id = @c)", c);

        var findings = For(await VerifyAsAuditorAsync(), c);

        Assert.That(findings.Select(f => f.Kind).Order(), Is.EqualTo(new[] { FindingKind.AlteredRun, FindingKind.BrokenChain }));
    }

    [Test]
    public async Task VerifyAsync_FirstRunDeletedWithItsLines_ReportsTheBrokenChain()
    {
        // The June run still names May's hash as its predecessor, but May is gone.
        var c = await TwoRunsAsync();
        await TamperAsync(
            "DELETE FROM ledger_lines WHERE contract_id = @c AND run_id = (SELECT min(run_id) FROM runs WHERE contract_id = @c); " +
            "DELETE FROM runs WHERE contract_id = @c AND run_id = (SELECT min(run_id) FROM runs WHERE contract_id = @c)", c);

        var findings = For(await VerifyAsAuditorAsync(), c);

        Assert.That(findings.Select(f => f.Kind), Is.EqualTo(new[] { FindingKind.BrokenChain }));
        Assert.That(findings.Single().Message, Does.StartWith("previous hash is"));
    }

    [Test]
    public async Task Tamper_UpdateAsApplicationRole_IsRefused()
    {
        // RELIABILITY 17: the application role cannot change a posted line, whatever it tries.
        var c = await TwoRunsAsync();
        await using var connection = await App.OpenConnectionAsync();

        Assert.That(
            async () => await connection.ExecuteAsync("UPDATE ledger_lines SET amount_pence = 1 WHERE contract_id = @c", new { c = c.Id.Value }),
            Throws.InstanceOf<Npgsql.PostgresException>());
        Assert.That(
            async () => await connection.ExecuteAsync("DELETE FROM runs WHERE contract_id = @c", new { c = c.Id.Value }),
            Throws.InstanceOf<Npgsql.PostgresException>());
    }

    private static List<VerifyFinding> For(VerifyReport report, ContractTerms contract) =>
        [.. report.Findings.Where(f => f.Contract == contract.Id)];

    private async Task<ContractTerms> TwoRunsAsync()
    {
        // A May run pays the attachment and job; a June run, after a second spell is known, pays more.
        var c = NewContract();
        await ImportParticipantsAsync(c, [Rows.Participant("A1", new LocalDate(2024, 1, 10))]);
        await ImportEvidenceAsync(c, [Rows.Employment("E1", "A1", new LocalDate(2024, 2, 1), null, new LocalDate(2024, 2, 5))]);
        await SettleAsync(c, May);
        await ImportParticipantsAsync(c, [Rows.Participant("B2", new LocalDate(2024, 5, 20))]);
        await SettleAsync(c, June);
        Assert.That(await CountAsync("runs", c), Is.EqualTo(2), "two runs to chain");
        return c;
    }

    private async Task<VerifyReport> VerifyAsAuditorAsync()
    {
        await using var auditor = PbrDataSource.Create(Database.AsRole("pbr_auditor").ConnectionString);
        return await new LedgerVerifier(auditor).VerifyAsync();
    }

    private async Task TamperAsync(string sql, ContractTerms contract)
    {
        // A superuser can switch the append-only triggers off: exactly the edit verify must catch.
        await using var connection = await Database.OpenAsync();
        await connection.ExecuteAsync("ALTER TABLE ledger_lines DISABLE TRIGGER USER; ALTER TABLE runs DISABLE TRIGGER USER");
        await connection.ExecuteAsync(sql, new { c = contract.Id.Value });
        await connection.ExecuteAsync(
            "ALTER TABLE ledger_lines ENABLE ALWAYS TRIGGER ledger_lines_refuse_edit; ALTER TABLE ledger_lines ENABLE ALWAYS TRIGGER ledger_lines_refuse_truncate; " +
            "ALTER TABLE runs ENABLE ALWAYS TRIGGER runs_refuse_edit; ALTER TABLE runs ENABLE ALWAYS TRIGGER runs_refuse_truncate");
    }
}
