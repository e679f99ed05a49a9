using System.Collections.Immutable;
using Npgsql;
using NpgsqlTypes;
using Pbr.Core;
using Pbr.Core.Model;
using Pbr.Engine.Settlement;
using Pbr.Ledger.Postgres.Sql;

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

        // Straight into the ledger, in key order: a staging table and INSERT ... SELECT would write every line
        // twice. The rows are written in the binary COPY format by BinaryCopyWriter, on the core that is also
        // pricing the next contract: Npgsql's per-value importer cost more there than the values.
        await BinaryCopyWriter.CopyAsync(connection, CopySql, copy => Write(copy, header.Contract.Value, runId, plan.Lines, cancellationToken), cancellationToken)
            .ConfigureAwait(false);
        return new RunId(runId);
    }

    private static void Write(BinaryCopyWriter copy, string contract, long runId, ImmutableArray<PostingLine> lines, CancellationToken cancellationToken)
    {
        ImmutableArray<EvidenceId> lastIds = default;
        string[] lastIdTexts = [];
        string? lastTariff = null;
        Span<byte> tariff = stackalloc byte[32];
        Span<byte> hash = stackalloc byte[32];
        foreach (var line in lines)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (line.EvidenceIds != lastIds)
            {
                // The instalments of one outcome share their evidence ids: one array for them all.
                lastIds = line.EvidenceIds;
                lastIdTexts = [.. lastIds.Select(e => e.Value)];
            }

            copy.StartRow(14);
            copy.Text(contract);
            copy.BigInt(runId);
            copy.Text(line.Provider.Value);
            WriteOptional(copy, line.Key.Participant);
            WriteOptional(copy, line.Key.Cohort);
            copy.Text(line.Key.Outcome);
            copy.Integer(line.Key.Instalment);
            copy.Text(LineKindText.Format(line.Kind));
            copy.BigInt(line.Amount.Pence);
            copy.Date(line.DueDate);
            if (!string.Equals(line.TariffSha256, lastTariff, StringComparison.Ordinal))
            {
                // A run's lines nearly all name one tariff: its 64 digits are turned into bytes once.
                lastTariff = line.TariffSha256;
                if (Convert.FromHexString(lastTariff, tariff, out _, out var written) != System.Buffers.OperationStatus.Done || written != 32)
                {
                    throw new InvalidOperationException($"A line's tariff hash '{lastTariff}' is not 64 hex digits.");
                }
            }

            copy.Bytes(tariff);
            copy.Text(line.Rule);
            copy.TextArray(lastIdTexts);
            line.HashValue.WriteTo(hash);
            copy.Bytes(hash);
        }
    }

    // The key uses "" for "not this kind of key"; the ledger stores NULL, so exactly one of participant and cohort is set.
    private static void WriteOptional(BinaryCopyWriter copy, string value)
    {
        if (value.Length == 0)
        {
            copy.Null();
        }
        else
        {
            copy.Text(value);
        }
    }
}
