using Dapper;
using Npgsql;
using Pbr.Core.Model;
using Pbr.Engine.Hashing;
using Pbr.Ledger.Postgres.Sql;

namespace Pbr.Ledger.Postgres.Inputs;

public sealed partial class InputStore
{
    private const string StageParticipantsSql = """
        CREATE TEMP TABLE stage_participants (
            line integer NOT NULL, contract_id text NOT NULL, participant_id text NOT NULL,
            start_date date NOT NULL, attributes jsonb NOT NULL, content_sha256 bytea NOT NULL
        ) ON COMMIT DROP
        """;

    private const string CopyParticipantsSql =
        "COPY stage_participants (line, contract_id, participant_id, start_date, attributes, content_sha256) FROM STDIN (FORMAT BINARY)";

    // The file's own conflicts are found in memory before staging (ParticipantFileKeys); these are the ledger's.
    private const string ParticipantConflictsSql = """
        SELECT s.line, s.contract_id, s.participant_id
        FROM stage_participants s
        JOIN participants p ON p.contract_id = s.contract_id AND p.participant_id = s.participant_id
        WHERE p.content_sha256 <> s.content_sha256
        ORDER BY line
        """;

    // Counted and inserted only when the file has no conflicts, and then the staging table holds each
    // participant once, in key order: no DISTINCT, and the INSERT meets the primary key's order without a sort.
    private const string CountNewParticipantsSql = """
        SELECT count(*)::integer, (count(*) FILTER (WHERE p.participant_id IS NULL))::integer
        FROM stage_participants s
        LEFT JOIN participants p ON p.contract_id = s.contract_id AND p.participant_id = s.participant_id
        """;

    private const string InsertParticipantsSql = """
        INSERT INTO participants (contract_id, participant_id, start_date, attributes, content_sha256, import_id)
        SELECT s.contract_id, s.participant_id, s.start_date, s.attributes, s.content_sha256, @importId
        FROM stage_participants s
        WHERE NOT EXISTS (
            SELECT 1 FROM participants p WHERE p.contract_id = s.contract_id AND p.participant_id = s.participant_id)
        """;

    private const string CopyParticipantsDirectSql =
        "COPY participants (contract_id, participant_id, start_date, attributes, content_sha256, import_id) FROM STDIN (FORMAT BINARY)";

    private const string HoldsParticipantsSql = "SELECT EXISTS (SELECT 1 FROM participants WHERE contract_id = ANY(@contracts))";

    private static readonly LoadPlan<Participant> s_participants = new(
        "participants", ParticipantFileKeys.Of, p => p.Contract, HoldsParticipantsSql, 5, WriteParticipant, CopyParticipantsDirectSql,
        StageParticipantsSql, "stage_participants", CopyParticipantsSql, ParticipantConflictsAsync, CountNewParticipantsSql, InsertParticipantsSql);

    /// <summary>Loads participant rows; a participant already held with other content is a conflict.</summary>
    public Task<ImportOutcome> ImportParticipantsAsync(ImportFile file, IReadOnlyList<ImportRow<Participant>> rows, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(rows);
        return LoadAsync(s_participants, file, rows, cancellationToken);
    }

    // The columns the staging table and participants share, from contract_id to content_sha256.
    private static void WriteParticipant(BinaryCopyWriter copy, Participant p)
    {
        copy.Text(p.Contract.Value);
        copy.Text(p.Id.Value);
        copy.Date(p.StartDate);
        copy.Jsonb(AttributesJson.Write(p.Attributes));
        Span<byte> hash = stackalloc byte[32];
        RowHashes.ValueOf(p).WriteTo(hash);
        copy.Bytes(hash);
    }

    private static async Task<IReadOnlyList<ImportConflict>> ParticipantConflictsAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        var rows = await connection.QueryAsync<(int Line, string Contract, string Participant)>(
            new CommandDefinition(ParticipantConflictsSql, transaction: transaction, commandTimeout: BulkTimeoutSeconds, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return [.. rows.Select(r => new ImportConflict(
            r.Line, "participant_id", $"participant '{r.Participant}' of contract {r.Contract} is already held with different content; a participant is never changed"))];
    }
}
