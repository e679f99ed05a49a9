using Dapper;
using Npgsql;
using Pbr.Dsl;
using Pbr.Dsl.Text;
using Pbr.Ledger.Postgres.Sql;

namespace Pbr.Ledger.Postgres.Audit;

/// <summary>The reads the audit tools make: run headers and lines as stored, to be checked, not trusted.</summary>
internal static class AuditReads
{
    private const string RunsSql = """
        SELECT contract_id AS Contract, run_id AS RunId, as_of AS AsOf, known_at AS KnownAt,
               engine_version AS EngineVersion, tariff_sha256s AS TariffSha256s, input_digest AS InputDigest,
               participant_count AS ParticipantCount, evidence_count AS EvidenceCount, line_count AS LineCount,
               payments_pence AS Payments, clawbacks_pence AS Clawbacks, net_pence AS Net,
               prev_hash AS PrevHash, run_hash AS RunHash, created_at AS CreatedAt
        FROM runs
        WHERE run_id = coalesce(@run, run_id)
        ORDER BY contract_id, run_id
        """;

    private const string LinesSql = """
        SELECT contract_id AS Contract, run_id AS RunId, provider_id AS Provider, participant_id AS Participant,
               cohort AS Cohort, outcome AS Outcome, instalment AS Instalment, kind AS Kind,
               amount_pence AS Amount, due_date AS DueDate, encode(tariff_sha256, 'hex') AS TariffSha256, rule AS Rule,
               evidence_ids AS EvidenceIds, encode(line_hash, 'hex') AS LineHash
        FROM ledger_lines
        WHERE contract_id = @contract AND run_id = coalesce(@run, run_id)
        """;

    private const string SourcesSql = "SELECT path AS Path, source_text AS Text FROM tariff_sources WHERE sha256 = ANY(@shas) ORDER BY sha256";

    /// <summary>Compiles the tariff sources stored under the given SHA-256s together, as the run that recorded them did.</summary>
    public static async Task<TariffCompilation> CompileAsync(
        NpgsqlConnection connection, NpgsqlTransaction? transaction, IReadOnlyCollection<string> shas, CancellationToken cancellationToken)
    {
        var rows = await connection.QueryAsync<(string Path, string Text)>(new CommandDefinition(
            SourcesSql, new { shas = shas.ToArray() }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return TariffCompiler.Compile([.. rows.Select(r => new SourceFile(r.Path, r.Text))]);
    }

    /// <summary>Reads one run's header, or every run's when <paramref name="run"/> is null, by contract and run id.</summary>
    public static async Task<List<StoredRun>> RunsAsync(
        NpgsqlConnection connection, NpgsqlTransaction? transaction, long? run, CancellationToken cancellationToken)
    {
        LocalDateHandler.EnsureRegistered();
        var rows = await connection.QueryAsync<StoredRun>(new CommandDefinition(
            RunsSql, new { run }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return rows.AsList();
    }

    /// <summary>Reads a contract's lines, of one run or of all its runs.</summary>
    public static async Task<List<StoredLine>> LinesAsync(
        NpgsqlConnection connection, NpgsqlTransaction? transaction, string contract, long? run, CancellationToken cancellationToken)
    {
        LocalDateHandler.EnsureRegistered();
        var rows = await connection.QueryAsync<StoredLine>(new CommandDefinition(
            LinesSql, new { contract, run }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return rows.AsList();
    }
}
