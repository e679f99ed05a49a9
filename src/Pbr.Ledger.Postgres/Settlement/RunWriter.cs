using Npgsql;
using NpgsqlTypes;
using Pbr.Core;
using Pbr.Engine.Settlement;

namespace Pbr.Ledger.Postgres.Settlement;

/// <summary>
/// Writes one contract's run: the header, then the lines by binary COPY into a staging table and one
/// INSERT ... SELECT, inside the caller's transaction, so header and lines commit together or not at all.
/// </summary>
internal static class RunWriter
{
    private const string InsertHeaderSql = """
        INSERT INTO runs (contract_id, run_key, as_of, known_at, engine_version, tariff_sha256s, input_digest,
                          participant_count, evidence_count, line_count, payments_pence, clawbacks_pence, net_pence,
                          prev_hash, run_hash)
        VALUES (@contract, @runKey, @asOf, @knownAt, @engineVersion, @tariffs, @inputDigest,
                @participants, @evidence, @lines, @payments, @clawbacks, @net, @prevHash, @runHash)
        RETURNING run_id
        """;

    private const string StageSql = """
        CREATE TEMP TABLE IF NOT EXISTS stage_lines (
            line_no integer NOT NULL, provider_id text NOT NULL, participant_id text, cohort text, outcome text NOT NULL,
            instalment integer NOT NULL, kind text NOT NULL, amount_pence bigint NOT NULL, due_date date NOT NULL,
            tariff_sha256 text NOT NULL, rule text NOT NULL, evidence_ids text[] NOT NULL, line_hash text NOT NULL
        ) ON COMMIT DELETE ROWS
        """;

    private const string CopySql = """
        COPY stage_lines (line_no, provider_id, participant_id, cohort, outcome, instalment, kind, amount_pence, due_date,
                          tariff_sha256, rule, evidence_ids, line_hash)
        FROM STDIN (FORMAT BINARY)
        """;

    private const string InsertLinesSql = """
        INSERT INTO ledger_lines (contract_id, run_id, provider_id, participant_id, cohort, outcome, instalment, kind,
                                  amount_pence, due_date, tariff_sha256, rule, evidence_ids, line_hash)
        SELECT @contract, @runId, provider_id, participant_id, cohort, outcome, instalment, kind,
               amount_pence, due_date, tariff_sha256, rule, evidence_ids, line_hash
        FROM stage_lines
        ORDER BY line_no
        """;

    private const string ClearStageSql = "TRUNCATE stage_lines";

    public static async Task<RunId> WriteAsync(NpgsqlConnection connection, string runKey, SettlementPlan plan, CancellationToken cancellationToken)
    {
        var header = plan.Header;
        long runId;
        using (var command = new NpgsqlCommand(InsertHeaderSql, connection) { CommandTimeout = Sql.Timeouts.BulkSeconds })
        {
            var p = command.Parameters;
            p.AddWithValue("contract", header.Contract.Value);
            p.AddWithValue("runKey", runKey);
            p.AddWithValue("asOf", NpgsqlDbType.Date, header.AsOf);
            p.AddWithValue("knownAt", NpgsqlDbType.Date, header.KnownAt);
            p.AddWithValue("engineVersion", header.EngineVersion);
            p.AddWithValue("tariffs", header.TariffSha256s.ToArray());
            p.AddWithValue("inputDigest", header.InputDigest);
            p.AddWithValue("participants", header.ParticipantCount);
            p.AddWithValue("evidence", header.EvidenceCount);
            p.AddWithValue("lines", header.LineCount);
            p.AddWithValue("payments", header.Payments.Pence);
            p.AddWithValue("clawbacks", header.Clawbacks.Pence);
            p.AddWithValue("net", header.Net.Pence);
            p.AddWithValue("prevHash", header.PrevHash);
            p.AddWithValue("runHash", header.Hash);
            runId = (long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
        }

        await ExecuteAsync(connection, StageSql, cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(connection, ClearStageSql, cancellationToken).ConfigureAwait(false);
        var importer = await connection.BeginBinaryImportAsync(CopySql, cancellationToken).ConfigureAwait(false);
        await using (importer.ConfigureAwait(false))
        {
            var number = 0;
            foreach (var line in plan.Lines)
            {
                await importer.StartRowAsync(cancellationToken).ConfigureAwait(false);
                await importer.WriteAsync(number++, NpgsqlDbType.Integer, cancellationToken).ConfigureAwait(false);
                await importer.WriteAsync(line.Provider.Value, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
                await WriteOptionalAsync(importer, line.Key.Participant, cancellationToken).ConfigureAwait(false);
                await WriteOptionalAsync(importer, line.Key.Cohort, cancellationToken).ConfigureAwait(false);
                await importer.WriteAsync(line.Key.Outcome, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
                await importer.WriteAsync(line.Key.Instalment, NpgsqlDbType.Integer, cancellationToken).ConfigureAwait(false);
                await importer.WriteAsync(LineKindText.Format(line.Kind), NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
                await importer.WriteAsync(line.Amount.Pence, NpgsqlDbType.Bigint, cancellationToken).ConfigureAwait(false);
                await importer.WriteAsync(line.DueDate, NpgsqlDbType.Date, cancellationToken).ConfigureAwait(false);
                await importer.WriteAsync(line.TariffSha256, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
                await importer.WriteAsync(line.Rule, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
                await importer.WriteAsync(line.EvidenceIds.Select(e => e.Value).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
                await importer.WriteAsync(line.Hash, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
            }

            await importer.CompleteAsync(cancellationToken).ConfigureAwait(false);
        }

        using (var insert = new NpgsqlCommand(InsertLinesSql, connection) { CommandTimeout = Sql.Timeouts.BulkSeconds })
        {
            insert.Parameters.AddWithValue("contract", header.Contract.Value);
            insert.Parameters.AddWithValue("runId", runId);
            await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        return new RunId(runId);
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = Sql.Timeouts.BulkSeconds };
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    // The key uses "" for "not this kind of key"; the ledger stores NULL, so exactly one of participant and cohort is set.
    private static Task WriteOptionalAsync(NpgsqlBinaryImporter importer, string value, CancellationToken cancellationToken) =>
        value.Length == 0 ? importer.WriteNullAsync(cancellationToken) : importer.WriteAsync(value, NpgsqlDbType.Text, cancellationToken);
}
