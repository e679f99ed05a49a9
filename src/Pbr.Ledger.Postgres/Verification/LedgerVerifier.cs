using System.Collections.Immutable;
using Npgsql;
using NodaTime;
using Pbr.Core;
using Pbr.Core.Model;
using Pbr.Engine.Hashing;
using Pbr.Engine.Settlement;

namespace Pbr.Ledger.Postgres.Verification;

/// <summary>
/// Recomputes the ledger's hashes from its rows: every line's hash from its content, every run's hash
/// from its header and its lines in key order, and each contract's chain of previous-run hashes.
/// An edited line, a deleted or inserted line, an edited header or a removed run each break one of them.
/// </summary>
public sealed class LedgerVerifier(NpgsqlDataSource dataSource)
{
    private const string RunsSql = """
        SELECT run_id, contract_id, as_of, known_at, engine_version, tariff_sha256s, input_digest, participant_count,
               evidence_count, line_count, payments_pence, clawbacks_pence, prev_hash, run_hash
        FROM runs
        WHERE (@contract::text IS NULL OR contract_id = @contract)
        ORDER BY contract_id, run_id
        """;

    private const string LinesSql = """
        SELECT provider_id, participant_id, cohort, outcome, instalment, kind, amount_pence, due_date, tariff_sha256, rule,
               evidence_ids, line_hash
        FROM ledger_lines
        WHERE contract_id = @contract AND run_id = @run
        """;

    /// <summary>Verifies every run, or those of one contract.</summary>
    public async Task<VerificationReport> VerifyAsync(ContractId? contract = null, CancellationToken cancellationToken = default)
    {
        var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var runs = await ReadRunsAsync(connection, contract, cancellationToken).ConfigureAwait(false);
            var findings = ImmutableArray.CreateBuilder<string>();
            var lineCount = 0;
            var previous = new Dictionary<ContractId, string>();
            foreach (var run in runs)
            {
                var expectedPrev = previous.GetValueOrDefault(run.Contract, Sha256Hex.Genesis);
                if (run.PrevHash != expectedPrev)
                {
                    findings.Add($"run {run.Id} of {run.Contract}: its previous-run hash does not match the run before it (a run was removed, added or altered)");
                }

                previous[run.Contract] = run.Hash;
                var lines = await ReadLinesAsync(connection, run, findings, cancellationToken).ConfigureAwait(false);
                lineCount += lines.Count;
                var payments = Money.Sum(lines.Where(l => l.Kind == LineKind.Payment).Select(l => l.Amount));
                var clawbacks = Money.Sum(lines.Where(l => l.Kind != LineKind.Payment).Select(l => l.Amount));
                if (lines.Count != run.LineCount || payments != run.Payments || clawbacks != run.Clawbacks)
                {
                    findings.Add($"run {run.Id} of {run.Contract}: its lines ({lines.Count}, net {payments + clawbacks}) do not add up to its header ({run.LineCount}, net {run.Payments + run.Clawbacks})");
                }

                var hash = RunHasher.Compute(
                    run.PrevHash, run.Contract, run.AsOf, run.KnownAt, run.EngineVersion, run.Tariffs, run.InputDigest,
                    run.ParticipantCount, run.EvidenceCount, [.. lines.Select(l => l.Hash)], run.Payments, run.Clawbacks);
                if (hash != run.Hash)
                {
                    findings.Add($"run {run.Id} of {run.Contract}: its hash does not match its header and lines");
                }
            }

            return new VerificationReport(runs.Count, lineCount, findings.ToImmutable());
        }
    }

    private static async Task<List<StoredRun>> ReadRunsAsync(NpgsqlConnection connection, ContractId? contract, CancellationToken cancellationToken)
    {
        using var command = new NpgsqlCommand(RunsSql, connection) { CommandTimeout = Sql.Timeouts.BulkSeconds };
        command.Parameters.Add(new NpgsqlParameter<string?>("contract", NpgsqlTypes.NpgsqlDbType.Text) { TypedValue = contract?.Value });
        using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var runs = new List<StoredRun>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            runs.Add(new StoredRun(
                reader.GetInt64(0), new ContractId(reader.GetString(1)), reader.GetFieldValue<LocalDate>(2), reader.GetFieldValue<LocalDate>(3),
                reader.GetString(4), [.. reader.GetFieldValue<string[]>(5)], reader.GetString(6), reader.GetInt32(7), reader.GetInt32(8),
                reader.GetInt32(9), Money.FromPence(reader.GetInt64(10)), Money.FromPence(reader.GetInt64(11)), reader.GetString(12), reader.GetString(13)));
        }

        return runs;
    }

    private static async Task<List<PostingLine>> ReadLinesAsync(
        NpgsqlConnection connection, StoredRun run, ImmutableArray<string>.Builder findings, CancellationToken cancellationToken)
    {
        using var command = new NpgsqlCommand(LinesSql, connection) { CommandTimeout = Sql.Timeouts.BulkSeconds };
        command.Parameters.AddWithValue("contract", run.Contract.Value);
        command.Parameters.AddWithValue("run", run.Id);
        using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var lines = new List<PostingLine>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var key = new LineKey(
                run.Contract, reader.IsDBNull(1) ? string.Empty : reader.GetString(1), reader.IsDBNull(2) ? string.Empty : reader.GetString(2),
                reader.GetString(3), reader.GetInt32(4));
            var line = PostingLine.Restore(
                key, new ProviderId(reader.GetString(0)), LineKindText.Parse(reader.GetString(5)), Money.FromPence(reader.GetInt64(6)),
                reader.GetFieldValue<LocalDate>(7), reader.GetString(8), reader.GetString(9), [.. reader.GetFieldValue<string[]>(10).Select(e => new EvidenceId(e))]);
            if (line.Hash != reader.GetString(11))
            {
                findings.Add($"run {run.Id} of {run.Contract}: the {key.Outcome} instalment {key.Instalment} line of '{(key.Participant.Length > 0 ? key.Participant : key.Cohort)}' was altered after it was posted");
            }

            lines.Add(line);
        }

        lines.Sort((a, b) => a.Key.CompareTo(b.Key));
        return lines;
    }

    private sealed record StoredRun(
        long Id, ContractId Contract, LocalDate AsOf, LocalDate KnownAt, string EngineVersion, ImmutableArray<string> Tariffs, string InputDigest,
        int ParticipantCount, int EvidenceCount, int LineCount, Money Payments, Money Clawbacks, string PrevHash, string Hash);
}
