using Dapper;
using Npgsql;
using Pbr.TestKit;

namespace Pbr.Ledger.Postgres.Tests.Migrations;

/// <summary>
/// 0014 gave the evidence's statement trigger its own work_mem and no JIT, for a first load's millions
/// of rows. A later migration that re-creates the function would drop them silently; and the checks
/// themselves must be what they were.
/// </summary>
public sealed class EvidenceCheckSettingsTests : DatabaseFixture
{
    [Test]
    public async Task EvidenceCheck_RunsWithItsOwnMemoryAndNoJit()
    {
        await using var connection = await Database.OpenAsync();

        var settings = await connection.ExecuteScalarAsync<string[]>(
            "SELECT proconfig FROM pg_proc WHERE proname = 'pbr_evidence_has_imports_and_participants'");

        Assert.That(settings, Is.EquivalentTo(new[] { "work_mem=256MB", "jit=off" }));
    }

    [Test]
    public async Task EvidenceCheck_UnknownParticipant_StillRefused()
    {
        await using var connection = await Database.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        var import = await connection.ExecuteScalarAsync<long>(
            "INSERT INTO imports (kind, file_name, file_sha256, row_count, inserted_count, existing_count, rejected_count) VALUES ('evidence', 'e.csv', @fileHash, 1, 1, 0, 0) RETURNING import_id",
            new { fileHash = new string('a', 64) }, transaction);

        var refused = Assert.ThrowsAsync<PostgresException>(() => connection.ExecuteAsync(
            """
            INSERT INTO evidence_versions (contract_id, evidence_id, recorded_on, participant_id, kind, start_date, status, attributes, content_sha256, import_id)
            VALUES ('C1', 'E1', '2024-02-01', 'P-NOBODY', 'employment', '2024-01-01', 'verified', '{}', @hash, @import)
            """,
            new { hash = new byte[32], import }, transaction));

        Assert.That(refused!.SqlState, Is.EqualTo(PostgresErrorCodes.ForeignKeyViolation));
        Assert.That(refused.MessageText, Does.Contain("evidence names a participant the contract does not hold"));
    }
}
