using Dapper;
using Npgsql;
using Pbr.Core.Model;
using Pbr.Engine;
using Pbr.Engine.Hashing;
using Pbr.Ledger.Postgres.Sql;

namespace Pbr.Ledger.Postgres.Inputs;

public sealed partial class InputStore
{
    private const string StageEvidenceSql = """
        CREATE TEMP TABLE stage_evidence (
            line integer NOT NULL, contract_id text NOT NULL, evidence_id text NOT NULL, recorded_on date NOT NULL,
            participant_id text NOT NULL, kind text NOT NULL, start_date date NOT NULL, end_date date,
            status text NOT NULL, attributes jsonb NOT NULL, content_sha256 bytea NOT NULL
        ) ON COMMIT DROP
        """;

    private const string CopyEvidenceSql = """
        COPY stage_evidence (line, contract_id, evidence_id, recorded_on, participant_id, kind, start_date, end_date, status, attributes, content_sha256)
        FROM STDIN (FORMAT BINARY)
        """;

    // The file's own conflicts are found in memory before staging (EvidenceFileKeys); these are the ledger's.
    private const string EvidenceConflictsSql = """
        SELECT s.line, s.contract_id, s.evidence_id, s.recorded_on, s.participant_id, 'ledger' AS source
        FROM stage_evidence s
        JOIN evidence_versions e
          ON e.contract_id = s.contract_id AND e.evidence_id = s.evidence_id AND e.recorded_on = s.recorded_on
        WHERE e.content_sha256 <> s.content_sha256
        UNION ALL
        SELECT s.line, s.contract_id, s.evidence_id, s.recorded_on, s.participant_id, 'participant' AS source
        FROM stage_evidence s
        WHERE NOT EXISTS (
            SELECT 1 FROM participants p WHERE p.contract_id = s.contract_id AND p.participant_id = s.participant_id)
        UNION ALL
        SELECT s.line, s.contract_id, s.evidence_id, s.recorded_on, s.participant_id, 'owner' AS source
        FROM stage_evidence s
        WHERE EXISTS (
            SELECT 1 FROM evidence_versions e
            WHERE e.contract_id = s.contract_id AND e.evidence_id = s.evidence_id AND e.participant_id <> s.participant_id)
        ORDER BY line
        """;

    // Counted and inserted only when the file has no conflicts, and then the staging table holds each
    // key once, in key order: no DISTINCT, and the INSERT meets the primary key's order without a sort.
    private const string CountNewEvidenceSql = """
        SELECT count(*)::integer, (count(*) FILTER (WHERE e.evidence_id IS NULL))::integer
        FROM stage_evidence s
        LEFT JOIN evidence_versions e
          ON e.contract_id = s.contract_id AND e.evidence_id = s.evidence_id AND e.recorded_on = s.recorded_on
        """;

    private const string InsertEvidenceSql = """
        INSERT INTO evidence_versions
            (contract_id, evidence_id, recorded_on, participant_id, kind, start_date, end_date, status, attributes, content_sha256, import_id)
        SELECT s.contract_id, s.evidence_id, s.recorded_on, s.participant_id, s.kind, s.start_date, s.end_date,
               s.status, s.attributes, s.content_sha256, @importId
        FROM stage_evidence s
        WHERE NOT EXISTS (
            SELECT 1 FROM evidence_versions e
            WHERE e.contract_id = s.contract_id AND e.evidence_id = s.evidence_id AND e.recorded_on = s.recorded_on)
        """;

    private const string CopyEvidenceDirectSql = """
        COPY evidence_versions (contract_id, evidence_id, recorded_on, participant_id, kind, start_date, end_date, status, attributes, content_sha256, import_id)
        FROM STDIN (FORMAT BINARY)
        """;

    private const string HoldsEvidenceSql = "SELECT EXISTS (SELECT 1 FROM evidence_versions WHERE contract_id = ANY(@contracts))";

    private static readonly LoadPlan<EvidenceVersion> s_evidence = new(
        "evidence", EvidenceFileKeys.Of, e => e.Contract, HoldsEvidenceSql, 10, WriteEvidence, CopyEvidenceDirectSql,
        StageEvidenceSql, "stage_evidence", CopyEvidenceSql, EvidenceConflictsAsync, CountNewEvidenceSql, InsertEvidenceSql);

    /// <summary>
    /// Loads evidence versions. The same (evidence id, recorded on) with other content is a conflict,
    /// as is evidence about a participant the contract does not hold, or an evidence id moving to another participant.
    /// </summary>
    public Task<ImportOutcome> ImportEvidenceAsync(ImportFile file, IReadOnlyList<ImportRow<EvidenceVersion>> rows, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(rows);
        return LoadAsync(s_evidence, file, rows, cancellationToken);
    }

    // The columns the staging table and evidence_versions share, from contract_id to content_sha256.
    private static void WriteEvidence(BinaryCopyWriter copy, EvidenceVersion e)
    {
        copy.Text(e.Contract.Value);
        copy.Text(e.Id.Value);
        copy.Date(e.RecordedOn);
        copy.Text(e.Participant.Value);
        copy.Text(e.Kind);
        copy.Date(e.StartDate);
        if (e.EndDate is { } end)
        {
            copy.Date(end);
        }
        else
        {
            copy.Null();
        }

        copy.Text(EvidenceStatusText.Format(e.Status));
        copy.Jsonb(AttributesJson.Write(e.Attributes));
        Span<byte> hash = stackalloc byte[32];
        RowHashes.ValueOf(e).WriteTo(hash);
        copy.Bytes(hash);
    }

    private static async Task<IReadOnlyList<ImportConflict>> EvidenceConflictsAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        var rows = await connection.QueryAsync<(int Line, string Contract, string Evidence, NodaTime.LocalDate RecordedOn, string Participant, string Source)>(
            new CommandDefinition(EvidenceConflictsSql, transaction: transaction, commandTimeout: BulkTimeoutSeconds, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return [.. rows.Select(r => r.Source switch
        {
            "ledger" => new ImportConflict(r.Line, "evidence_id", $"evidence '{r.Evidence}' recorded on {r.RecordedOn:yyyy-MM-dd} is already held with different content; a new version needs a new recorded_on"),
            "participant" => new ImportConflict(r.Line, "participant_id", $"participant '{r.Participant}' is not a participant of contract {r.Contract}; import participants first"),
            _ => new ImportConflict(r.Line, "participant_id", $"evidence '{r.Evidence}' belongs to another participant; an evidence id cannot move"),
        })];
    }
}
