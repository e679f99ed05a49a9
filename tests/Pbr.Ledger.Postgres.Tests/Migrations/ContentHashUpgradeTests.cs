using Dapper;
using Pbr.TestKit;

namespace Pbr.Ledger.Postgres.Tests.Migrations;

/// <summary>
/// 0010 turns the content hashes of participants and evidence versions from 64 hex digits into their
/// 32 bytes on a ledger that already holds inputs: every hash must read back, through
/// encode(content_sha256, 'hex'), exactly as it was written, and the evidence's references are still checked.
/// </summary>
public sealed class ContentHashUpgradeTests : DatabaseFixture
{
    private const string ParticipantHash = "00ff10a0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f708192a3b4c5d6e7f8091a2";
    private const string EvidenceHash = "ffeeddccbbaa99887766554433221100ffeeddccbbaa99887766554433221100";

    protected override bool Migrate => false;

    [Test]
    public async Task Migrate_InputsWrittenBefore0010_KeepEveryContentHash()
    {
        var runner = await PartialMigration.BelowAsync(Database, 10);

        await using (var connection = await Database.OpenAsync())
        {
            var import = await connection.ExecuteScalarAsync<long>(
                "INSERT INTO imports (kind, file_name, file_sha256, row_count, inserted_count, existing_count, rejected_count) VALUES ('participants', 'p.csv', @h, 1, 1, 0, 0) RETURNING import_id",
                new { h = ParticipantHash });
            await connection.ExecuteAsync(
                "INSERT INTO participants (contract_id, participant_id, start_date, attributes, content_sha256, import_id) VALUES ('C1', 'A1', '2024-01-01', '{}', @h, @import)",
                new { h = ParticipantHash, import });
            await connection.ExecuteAsync(
                """
                INSERT INTO evidence_versions (contract_id, evidence_id, recorded_on, participant_id, kind, start_date, status, attributes, content_sha256, import_id)
                VALUES ('C1', 'E1', '2024-02-05', 'A1', 'employment', '2024-02-01', 'verified', '{}', @h, @import)
                """,
                new { h = EvidenceHash, import });
        }

        var after = await runner.MigrateAsync();
        Assert.That(after.Success, Is.True, after.Error);

        await using var reader = await Database.OpenAsync();
        var stored = await reader.QuerySingleAsync<(string, string, string, string)>(
            """
            SELECT pg_typeof(p.content_sha256)::text, encode(p.content_sha256, 'hex'), pg_typeof(e.content_sha256)::text, encode(e.content_sha256, 'hex')
            FROM participants p JOIN evidence_versions e USING (contract_id, participant_id)
            """);
        Assert.That(stored, Is.EqualTo(("bytea", ParticipantHash, "bytea", EvidenceHash)));

        // One trigger now checks both references, with the codes the two had.
        var missing = Assert.ThrowsAsync<Npgsql.PostgresException>(() => reader.ExecuteAsync(
            """
            INSERT INTO evidence_versions (contract_id, evidence_id, recorded_on, participant_id, kind, start_date, status, attributes, content_sha256, import_id)
            SELECT 'C1', 'E2', '2024-02-05', 'NOBODY', 'employment', '2024-02-01', 'verified', '{}', content_sha256, import_id FROM participants
            """));
        Assert.That((missing!.SqlState, missing.MessageText), Is.EqualTo((Npgsql.PostgresErrorCodes.ForeignKeyViolation, "pbr: evidence names a participant the contract does not hold")));
    }
}
