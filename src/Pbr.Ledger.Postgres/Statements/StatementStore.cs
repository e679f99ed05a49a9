using System.Collections.Immutable;
using Npgsql;
using NodaTime;
using Pbr.Core;
using Pbr.Engine.Settlement;

namespace Pbr.Ledger.Postgres.Statements;

/// <summary>Reads posted runs and their lines for statements.</summary>
public sealed class StatementStore(NpgsqlDataSource dataSource)
{
    private const string RunColumns =
        "run_id, contract_id, as_of, known_at, line_count, payments_pence, clawbacks_pence, net_pence, run_hash, tariff_sha256s";

    private const string RunByIdSql = $"SELECT {RunColumns} FROM runs WHERE run_id = @run AND (@contract::text IS NULL OR contract_id = @contract)";

    // The latest run of each contract (or of the one named).
    private const string LatestSql = $"""
        SELECT DISTINCT ON (contract_id) {RunColumns}
        FROM runs
        WHERE (@contract::text IS NULL OR contract_id = @contract)
        ORDER BY contract_id, run_id DESC
        """;

    private const string LinesSql = """
        SELECT contract_id, provider_id, participant_id, cohort, outcome, instalment, kind, amount_pence, due_date,
               encode(tariff_sha256, 'hex') AS tariff_sha256, rule, evidence_ids
        FROM ledger_lines
        WHERE contract_id = @contract AND run_id = @run
        ORDER BY coalesce(participant_id, '') COLLATE "C", coalesce(cohort, '') COLLATE "C", outcome COLLATE "C", instalment
        """;

    /// <summary>Finds runs: one by id, or with <paramref name="run"/> null the latest of each contract; optionally of one contract.</summary>
    public async Task<ImmutableArray<RunSummary>> FindRunsAsync(RunId? run, ContractId? contract, CancellationToken cancellationToken = default)
    {
        var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = new NpgsqlCommand(run is null ? LatestSql : RunByIdSql, connection);
            command.Parameters.AddWithValue("run", run?.Value ?? 0L);
            command.Parameters.Add(new NpgsqlParameter<string?>("contract", NpgsqlTypes.NpgsqlDbType.Text) { TypedValue = contract?.Value });
            using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            var runs = ImmutableArray.CreateBuilder<RunSummary>();
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                runs.Add(new RunSummary(
                    new RunId(reader.GetInt64(0)),
                    new ContractId(reader.GetString(1)),
                    reader.GetFieldValue<LocalDate>(2),
                    reader.GetFieldValue<LocalDate>(3),
                    reader.GetInt32(4),
                    Money.FromPence(reader.GetInt64(5)),
                    Money.FromPence(reader.GetInt64(6)),
                    Money.FromPence(reader.GetInt64(7)),
                    reader.GetString(8),
                    [.. reader.GetFieldValue<string[]>(9)]));
            }

            return runs.ToImmutable();
        }
    }

    /// <summary>Reads a run's lines in key order.</summary>
    public async Task<ImmutableArray<StatementLine>> LinesAsync(RunSummary run, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(run);
        var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = new NpgsqlCommand(LinesSql, connection) { CommandTimeout = Sql.Timeouts.BulkSeconds };
            command.Parameters.AddWithValue("contract", run.Contract.Value);
            command.Parameters.AddWithValue("run", run.Run.Value);
            using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            var lines = ImmutableArray.CreateBuilder<StatementLine>();
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                lines.Add(new StatementLine(
                    run.Run,
                    new ContractId(reader.GetString(0)),
                    new ProviderId(reader.GetString(1)),
                    reader.IsDBNull(2) ? null : reader.GetString(2),
                    reader.IsDBNull(3) ? null : reader.GetString(3),
                    reader.GetString(4),
                    reader.GetInt32(5),
                    LineKindText.Parse(reader.GetString(6)),
                    Money.FromPence(reader.GetInt64(7)),
                    reader.GetFieldValue<LocalDate>(8),
                    reader.GetString(9),
                    reader.GetString(10),
                    [.. reader.GetFieldValue<string[]>(11)]));
            }

            return lines.ToImmutable();
        }
    }
}
