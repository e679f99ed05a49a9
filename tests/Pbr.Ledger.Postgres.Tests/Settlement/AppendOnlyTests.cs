using Dapper;
using NodaTime;
using Npgsql;
using Pbr.Engine.Tests.Fixtures;

namespace Pbr.Ledger.Postgres.Tests.Settlement;

/// <summary>RELIABILITY 17: history is never edited, not by the application and not by a superuser through the triggers.</summary>
public sealed class AppendOnlyTests : LedgerFixture
{
    private Pbr.Core.Model.ContractTerms _contract = null!;

    [OneTimeSetUp]
    public async Task PostOneRunAsync()
    {
        _contract = NewContract();
        await ImportParticipantsAsync(_contract, [Rows.Participant("A1", new LocalDate(2024, 1, 10))]);
        await SettleAsync(_contract, new LocalDate(2024, 5, 1));
    }

    [TestCase("UPDATE ledger_lines SET amount_pence = amount_pence + 1")]
    [TestCase("DELETE FROM ledger_lines")]
    [TestCase("TRUNCATE ledger_lines CASCADE")]
    [TestCase("UPDATE runs SET net_pence = 0")]
    [TestCase("DELETE FROM runs")]
    [TestCase("UPDATE evidence_versions SET status = 'verified'")]
    [TestCase("DELETE FROM participants")]
    public async Task Edit_AsApplicationRole_IsRefused(string sql)
    {
        await using var connection = await App.OpenConnectionAsync();

        var error = Assert.ThrowsAsync<PostgresException>(() => connection.ExecuteAsync(sql));

        Assert.That(error!.SqlState, Is.EqualTo(PostgresErrorCodes.InsufficientPrivilege));
    }

    [TestCase("UPDATE ledger_lines SET amount_pence = amount_pence + 1", "UPDATE")]
    [TestCase("DELETE FROM runs", "DELETE")]
    [TestCase("TRUNCATE runs CASCADE", "TRUNCATE")]
    [TestCase("DELETE FROM participants", "DELETE")]
    public async Task Edit_AsSuperuserEvenAsAReplica_IsRefusedByTheTrigger(string sql, string operation)
    {
        await using var connection = await Database.OpenAsync();
        await connection.ExecuteAsync("SET session_replication_role = replica");

        var error = Assert.ThrowsAsync<PostgresException>(() => connection.ExecuteAsync(sql));

        Assert.That(error!.MessageText, Does.StartWith($"pbr: {operation} on ").And.EndWith("is refused: the ledger is append-only"));
    }

    [TestCase(false)]
    [TestCase(true)]
    public async Task Insert_LineOfARunThatDoesNotExist_IsRefused(bool asReplica)
    {
        // Every line belongs to a posted run (DESIGN §8), checked per statement (0007), even as a replica.
        await using var connection = asReplica ? await Database.OpenAsync() : await App.OpenConnectionAsync();
        if (asReplica)
        {
            await connection.ExecuteAsync("SET session_replication_role = replica");
        }

        var error = Assert.ThrowsAsync<PostgresException>(() => connection.ExecuteAsync(
            """
            INSERT INTO ledger_lines (contract_id, run_id, provider_id, participant_id, outcome, instalment, kind, amount_pence,
                                      due_date, tariff_sha256, rule, evidence_ids, line_hash)
            SELECT contract_id, run_id + 1000, provider_id, participant_id, outcome, instalment, kind, amount_pence,
                   due_date, tariff_sha256, rule, evidence_ids, line_hash
            FROM ledger_lines WHERE contract_id = @c
            """,
            new { c = _contract.Id.Value }));

        Assert.That(error!.SqlState, Is.EqualTo(PostgresErrorCodes.ForeignKeyViolation));
    }

    [TestCase(true)]
    [TestCase(false)]
    public async Task Lines_WrittenBeforeTheirHeader_CommitOnlyIfTheHeaderFollows(bool headerFollows)
    {
        // 0012: a settlement copies a run's lines while it still prices, under an id taken from the sequence,
        // and writes the header last; the check that the run exists waits for the commit. A contract of its own:
        // the others here hold exactly one posted line.
        var contract = NewContract();
        await ImportParticipantsAsync(contract, [Rows.Participant("A1", new LocalDate(2024, 1, 10))]);
        await SettleAsync(contract, new LocalDate(2024, 5, 1));
        await using var connection = await App.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        var runId = await connection.ExecuteScalarAsync<long>("SELECT nextval(pg_get_serial_sequence('runs', 'run_id'))", transaction: transaction);
        await connection.ExecuteAsync(
            """
            INSERT INTO ledger_lines (contract_id, run_id, provider_id, participant_id, outcome, instalment, kind, amount_pence,
                                      due_date, tariff_sha256, rule, evidence_ids, line_hash)
            SELECT contract_id, @runId, provider_id, participant_id, outcome, instalment + 100, kind, amount_pence,
                   due_date, tariff_sha256, rule, evidence_ids, line_hash
            FROM ledger_lines WHERE contract_id = @c
            """,
            new { c = contract.Id.Value, runId },
            transaction);
        if (headerFollows)
        {
            // A header like the posted run's, chained after it, under the id the lines name.
            await connection.ExecuteAsync(
                """
                INSERT INTO runs (run_id, contract_id, run_key, as_of, known_at, engine_version, tariff_sha256s, input_digest, participant_count,
                                  evidence_count, line_count, payments_pence, clawbacks_pence, net_pence, prev_hash, run_hash)
                SELECT @runId, contract_id, 'lines-first', as_of, known_at, engine_version, tariff_sha256s, input_digest, participant_count,
                       evidence_count, line_count, payments_pence, clawbacks_pence, net_pence, run_hash, repeat('e', 64)
                FROM runs WHERE contract_id = @c
                """,
                new { c = contract.Id.Value, runId },
                transaction);
            await transaction.CommitAsync();

            await using var check = await Database.OpenAsync();
            Assert.That(await check.ExecuteScalarAsync<long>("SELECT count(*) FROM ledger_lines WHERE contract_id = @c AND run_id = @runId", new { c = contract.Id.Value, runId }), Is.EqualTo(1));
            Assert.That(await check.ExecuteScalarAsync<long>("SELECT count(*) FROM run_headers_due WHERE contract_id = @c AND run_id = @runId", new { c = contract.Id.Value, runId }), Is.EqualTo(1));
        }
        else
        {
            var error = Assert.ThrowsAsync<PostgresException>(() => transaction.CommitAsync());

            Assert.That((error!.SqlState, error.MessageText), Is.EqualTo((PostgresErrorCodes.ForeignKeyViolation,
                $"pbr: ledger lines name run {runId} of contract {contract.Id.Value}, whose header was never written")));
            await using var check = await Database.OpenAsync();
            Assert.That(await check.ExecuteScalarAsync<long>("SELECT count(*) FROM ledger_lines WHERE run_id = @runId", new { runId }), Is.Zero);
        }
    }

    [TestCase("INSERT INTO evidence_versions (contract_id, evidence_id, recorded_on, participant_id, kind, start_date, status, attributes, content_sha256, import_id) SELECT contract_id, 'E9', '2024-02-01', 'NOBODY', 'employment', '2024-02-01', 'verified', '{}', content_sha256, import_id FROM participants WHERE contract_id = @c")]
    [TestCase("INSERT INTO evidence_versions (contract_id, evidence_id, recorded_on, participant_id, kind, start_date, status, attributes, content_sha256, import_id) SELECT contract_id, 'E9', '2024-02-01', participant_id, 'employment', '2024-02-01', 'verified', '{}', content_sha256, import_id + 1000 FROM participants WHERE contract_id = @c")]
    [TestCase("INSERT INTO participants (contract_id, participant_id, start_date, attributes, content_sha256, import_id) SELECT contract_id, 'B9', start_date, attributes, content_sha256, import_id + 1000 FROM participants WHERE contract_id = @c")]
    public async Task Insert_RowNamingAMissingParticipantOrImport_IsRefused(string sql)
    {
        // Evidence belongs to a participant of its contract, and every row to its import (0003, checked per statement since 0007).
        await using var connection = await App.OpenConnectionAsync();

        var error = Assert.ThrowsAsync<PostgresException>(() => connection.ExecuteAsync(sql, new { c = _contract.Id.Value }));

        Assert.That(error!.SqlState, Is.EqualTo(PostgresErrorCodes.ForeignKeyViolation));
    }

    [Test]
    public async Task Lines_AfterRefusedEdits_AreUnchanged()
    {
        // The £100 attachment line of the one-time run is still exactly £100.
        await using var connection = await Database.OpenAsync();

        var amounts = await connection.QueryAsync<long>("SELECT amount_pence FROM ledger_lines WHERE contract_id = @c", new { c = _contract.Id.Value });

        Assert.That(amounts, Is.EqualTo(new[] { 10000L }));
    }

    [Test]
    public async Task SecondLineForTheSameKeyInTheSameRun_IsRefusedByTheUniquePostingKey()
    {
        await using var connection = await Database.OpenAsync();
        var sql = """
            INSERT INTO ledger_lines (contract_id, run_id, provider_id, participant_id, cohort, outcome, instalment, kind, amount_pence,
                                      due_date, tariff_sha256, rule, evidence_ids, line_hash)
            SELECT contract_id, run_id, provider_id, participant_id, cohort, outcome, instalment, kind, amount_pence,
                   due_date, tariff_sha256, rule, evidence_ids, line_hash
            FROM ledger_lines WHERE contract_id = @c
            """;

        var error = Assert.ThrowsAsync<PostgresException>(() => connection.ExecuteAsync(sql, new { c = _contract.Id.Value }));

        Assert.That(error!.SqlState, Is.EqualTo(PostgresErrorCodes.UniqueViolation));
    }
}
