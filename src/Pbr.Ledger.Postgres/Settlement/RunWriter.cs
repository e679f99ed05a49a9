using System.Collections.Immutable;
using Npgsql;
using NpgsqlTypes;
using Pbr.Core;
using Pbr.Core.Model;
using Pbr.Engine.Settlement;

namespace Pbr.Ledger.Postgres.Settlement;

/// <summary>
/// Writes one contract's run: the header, then the lines by binary COPY straight into the ledger, inside
/// the caller's transaction, so header and lines commit together or not at all.
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

    private const string CopySql = """
        COPY ledger_lines (contract_id, run_id, provider_id, participant_id, cohort, outcome, instalment, kind, amount_pence, due_date,
                           tariff_sha256, rule, evidence_ids, line_hash)
        FROM STDIN (FORMAT BINARY)
        """;

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

        // Straight into the ledger, in key order: a staging table and INSERT ... SELECT would write every line twice.
        // The rows are written synchronously: a write only copies into Npgsql's buffer (flushing when it is
        // full), and an awaited call per field cost more than the field, on the core that prices the next contract.
        var importer = await connection.BeginBinaryImportAsync(CopySql, cancellationToken).ConfigureAwait(false);
        await using (importer.ConfigureAwait(false))
        {
            var contract = header.Contract.Value;
            ImmutableArray<EvidenceId> lastIds = default;
            string[] lastIdTexts = [];
            foreach (var line in plan.Lines)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (line.EvidenceIds != lastIds)
                {
                    // The instalments of one outcome share their evidence ids: one array for them all.
                    lastIds = line.EvidenceIds;
                    lastIdTexts = [.. lastIds.Select(e => e.Value)];
                }

                importer.StartRow();
                importer.Write(contract, NpgsqlDbType.Text);
                importer.Write(runId, NpgsqlDbType.Bigint);
                importer.Write(line.Provider.Value, NpgsqlDbType.Text);
                WriteOptional(importer, line.Key.Participant);
                WriteOptional(importer, line.Key.Cohort);
                importer.Write(line.Key.Outcome, NpgsqlDbType.Text);
                importer.Write(line.Key.Instalment, NpgsqlDbType.Integer);
                importer.Write(LineKindText.Format(line.Kind), NpgsqlDbType.Text);
                importer.Write(line.Amount.Pence, NpgsqlDbType.Bigint);
                importer.Write(line.DueDate, NpgsqlDbType.Date);
                importer.Write(line.TariffSha256, NpgsqlDbType.Text);
                importer.Write(line.Rule, NpgsqlDbType.Text);
                importer.Write(lastIdTexts, NpgsqlDbType.Array | NpgsqlDbType.Text);
                importer.Write(line.HashValue.ToArray(), NpgsqlDbType.Bytea);
            }

            await importer.CompleteAsync(cancellationToken).ConfigureAwait(false);
        }

        return new RunId(runId);
    }

    // The key uses "" for "not this kind of key"; the ledger stores NULL, so exactly one of participant and cohort is set.
    private static void WriteOptional(NpgsqlBinaryImporter importer, string value)
    {
        if (value.Length == 0)
        {
            importer.WriteNull();
        }
        else
        {
            importer.Write(value, NpgsqlDbType.Text);
        }
    }
}
