using Dapper;
using Pbr.TestKit;

namespace Pbr.Ledger.Postgres.Tests.Migrations;

/// <summary>
/// 0009 turns the ledger lines' hashes (and 0011 their tariff hashes) from 64 hex digits into their 32
/// bytes on a ledger that already holds lines: every hash must read back, through encode(…, 'hex'),
/// exactly as it was written.
/// </summary>
public sealed class LineHashUpgradeTests : DatabaseFixture
{
    private const string Hash = "00ff10a0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f708192a3b4c5d6e7f8091a2";
    private const string RunHash = "1111111111111111111111111111111111111111111111111111111111111111";

    protected override bool Migrate => false;

    [Test]
    public async Task Migrate_LedgerWrittenBefore0009_KeepsEveryLineHash()
    {
        var runner = await PartialMigration.BelowAsync(Database, 9);

        await using (var connection = await Database.OpenAsync())
        {
            var run = await connection.ExecuteScalarAsync<long>(
                """
                INSERT INTO runs (contract_id, run_key, as_of, known_at, engine_version, tariff_sha256s, input_digest, participant_count,
                                  evidence_count, line_count, payments_pence, clawbacks_pence, net_pence, prev_hash, run_hash)
                VALUES ('C1', 'k', '2024-01-31', '2024-01-31', 'e', ARRAY[@h], @h, 1, 1, 1, 500, 0, 500, @h, @r)
                RETURNING run_id
                """,
                new { h = RunHash, r = Hash });
            await connection.ExecuteAsync(
                """
                INSERT INTO ledger_lines (contract_id, run_id, provider_id, participant_id, outcome, instalment, kind, amount_pence,
                                          due_date, tariff_sha256, rule, evidence_ids, line_hash)
                VALUES ('C1', @run, 'P', 'A1', 'job', 1, 'payment', 500, '2024-01-31', @h, 'job', ARRAY['E1'], @line)
                """,
                new { run, h = RunHash, line = Hash });
        }

        var after = await runner.MigrateAsync();
        Assert.That(after.Success, Is.True, after.Error);

        await using var reader = await Database.OpenAsync();
        var stored = await reader.QuerySingleAsync<(string Type, string Hex, string TariffType, string TariffHex)>(
            "SELECT pg_typeof(line_hash)::text, encode(line_hash, 'hex'), pg_typeof(tariff_sha256)::text, encode(tariff_sha256, 'hex') FROM ledger_lines WHERE contract_id = 'C1'");
        Assert.That(stored, Is.EqualTo(("bytea", Hash, "bytea", RunHash)), "0011 turned the tariff hash into bytes as well");
    }
}
