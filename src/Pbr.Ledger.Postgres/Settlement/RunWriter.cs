using System.Collections.Immutable;
using Npgsql;
using NpgsqlTypes;
using Pbr.Core;
using Pbr.Core.Model;
using Pbr.Engine.Settlement;
using Pbr.Ledger.Postgres.Sql;

namespace Pbr.Ledger.Postgres.Settlement;

/// <summary>
/// Writes one contract's run inside the caller's transaction, so header and lines commit together or not
/// at all: the lines by binary COPY straight into the ledger as they are priced, under a run id taken
/// when the first arrive, then the header with the totals and hash over them all. The ledger checks at
/// commit that lines written before their header got one (migration 0012).
/// </summary>
internal static class RunWriter
{
    private const string InsertHeaderSql = """
        INSERT INTO runs (run_id, contract_id, run_key, as_of, known_at, engine_version, tariff_sha256s, input_digest,
                          participant_count, evidence_count, line_count, payments_pence, clawbacks_pence, net_pence,
                          prev_hash, run_hash)
        VALUES (@runId, @contract, @runKey, @asOf, @knownAt, @engineVersion, @tariffs, @inputDigest,
                @participants, @evidence, @lines, @payments, @clawbacks, @net, @prevHash, @runHash)
        """;

    private const string NextRunIdSql = "SELECT nextval(pg_get_serial_sequence('runs', 'run_id'))";

    private const string CopySql = """
        COPY ledger_lines (contract_id, run_id, provider_id, participant_id, cohort, outcome, instalment, kind, amount_pence, due_date,
                           tariff_sha256, rule, evidence_ids, line_hash)
        FROM STDIN (FORMAT BINARY)
        """;

    /// <summary>
    /// Copies the lines of <paramref name="priced"/> (a contract's lines in key order, a range at a time, as
    /// they are priced) into the ledger until it is complete, and returns the run id they were written under
    /// and how many there were; no id is taken, and nothing written, when there are none.
    /// </summary>
    public static async Task<(RunId? Id, int Lines)> CopyLinesAsync(
        NpgsqlConnection connection, ContractId contract, IEnumerable<ImmutableArray<PostingLine>> priced, CancellationToken cancellationToken)
    {
        using var ranges = priced.Where(r => !r.IsEmpty).GetEnumerator();
        if (!ranges.MoveNext())
        {
            return (null, 0);
        }

        long runId;
        using (var command = new NpgsqlCommand(NextRunIdSql, connection))
        {
            runId = (long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
        }

        // Straight into the ledger, in key order: a staging table and INSERT ... SELECT would write every line
        // twice. The rows are written in the binary COPY format by BinaryCopyWriter, on a core that is also
        // pricing: Npgsql's per-value importer cost more there than the values.
        var count = 0;
        await BinaryCopyWriter.CopyAsync(
            connection,
            CopySql,
            copy =>
            {
                do
                {
                    Write(copy, contract.Value, runId, ranges.Current, cancellationToken);
                    count += ranges.Current.Length;
                }
                while (ranges.MoveNext());
            },
            cancellationToken).ConfigureAwait(false);
        return (new RunId(runId), count);
    }

    /// <summary>Writes the header of <paramref name="plan"/>, whose lines were copied under <paramref name="runId"/>.</summary>
    public static async Task WriteHeaderAsync(NpgsqlConnection connection, RunId runId, string runKey, SettlementPlan plan, CancellationToken cancellationToken)
    {
        var header = plan.Header;
        using var command = new NpgsqlCommand(InsertHeaderSql, connection) { CommandTimeout = Sql.Timeouts.BulkSeconds };
        var p = command.Parameters;
        p.AddWithValue("runId", runId.Value);
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
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
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
