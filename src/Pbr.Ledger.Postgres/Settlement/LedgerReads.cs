using Npgsql;
using NodaTime;
using Pbr.Core;
using Pbr.Core.Model;
using Pbr.Engine;
using Pbr.Engine.Hashing;
using Pbr.Engine.Settlement;
using Pbr.Ledger.Postgres.Sql;

namespace Pbr.Ledger.Postgres.Settlement;

/// <summary>The reads a settlement run makes for one contract; each touches that contract's rows only.</summary>
/// <remarks>
/// Commands and readers are disposed synchronously: every reader is read to its end, so disposing
/// does no I/O, and the transaction (taken by the caller) is what must be released asynchronously.
/// </remarks>
internal static class LedgerReads
{
    private const string PrevHashSql = "SELECT run_hash FROM runs WHERE contract_id = @contract ORDER BY run_id DESC LIMIT 1";

    private const string RunByKeySql = "SELECT run_id FROM runs WHERE contract_id = @contract AND run_key = @runKey";

    private const string PostedSql = """
        SELECT participant_id, cohort, outcome, instalment, sum(amount_pence)::bigint,
               (array_agg(rule ORDER BY run_id DESC))[1], (array_agg(tariff_sha256 ORDER BY run_id DESC))[1]
        FROM ledger_lines
        WHERE contract_id = @contract
        GROUP BY participant_id, cohort, outcome, instalment
        """;

    private const string ParticipantsSql = """
        SELECT participant_id, start_date, attributes::text FROM participants WHERE contract_id = @contract
        """;

    private const string EvidenceSql = """
        SELECT evidence_id, recorded_on, participant_id, kind, start_date, end_date, status, attributes::text
        FROM evidence_versions
        WHERE contract_id = @contract AND recorded_on <= @knownAt
        """;

    public static async Task<string> PrevHashAsync(NpgsqlConnection connection, ContractId contract, CancellationToken cancellationToken)
    {
        using var command = new NpgsqlCommand(PrevHashSql, connection) { CommandTimeout = Sql.Timeouts.BulkSeconds };
        command.Parameters.AddWithValue("contract", contract.Value);
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) as string ?? Sha256Hex.Genesis;
    }

    public static async Task<RunId?> RunByKeyAsync(NpgsqlConnection connection, ContractId contract, string runKey, CancellationToken cancellationToken)
    {
        using var command = new NpgsqlCommand(RunByKeySql, connection) { CommandTimeout = Sql.Timeouts.BulkSeconds };
        command.Parameters.AddWithValue("contract", contract.Value);
        command.Parameters.AddWithValue("runKey", runKey);
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is long id ? new RunId(id) : null;
    }

    public static async Task<List<PostedBalance>> PostedAsync(NpgsqlConnection connection, ContractId contract, CancellationToken cancellationToken)
    {
        using var command = new NpgsqlCommand(PostedSql, connection) { CommandTimeout = Sql.Timeouts.BulkSeconds };
        command.Parameters.AddWithValue("contract", contract.Value);
        var balances = new List<PostedBalance>();
        using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var key = new LineKey(
                contract,
                reader.IsDBNull(0) ? string.Empty : reader.GetString(0),
                reader.IsDBNull(1) ? string.Empty : reader.GetString(1),
                reader.GetString(2),
                reader.GetInt32(3));
            balances.Add(new PostedBalance(key, Money.FromPence(reader.GetInt64(4)), reader.GetString(5), reader.GetString(6)));
        }

        return balances;
    }

    public static async Task<List<Participant>> ParticipantsAsync(NpgsqlConnection connection, ContractId contract, CancellationToken cancellationToken)
    {
        using var command = new NpgsqlCommand(ParticipantsSql, connection) { CommandTimeout = Sql.Timeouts.BulkSeconds };
        command.Parameters.AddWithValue("contract", contract.Value);
        var participants = new List<Participant>();
        using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            participants.Add(new Participant(
                new ParticipantId(reader.GetString(0)), contract, reader.GetFieldValue<LocalDate>(1), AttributesJson.Read(reader.GetString(2))));
        }

        return participants;
    }

    public static async Task<List<EvidenceVersion>> EvidenceAsync(
        NpgsqlConnection connection, ContractId contract, LocalDate knownAt, CancellationToken cancellationToken)
    {
        using var command = new NpgsqlCommand(EvidenceSql, connection) { CommandTimeout = Sql.Timeouts.BulkSeconds };
        command.Parameters.AddWithValue("contract", contract.Value);
        command.Parameters.AddWithValue("knownAt", knownAt);
        var evidence = new List<EvidenceVersion>();
        using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            evidence.Add(new EvidenceVersion(
                new EvidenceId(reader.GetString(0)),
                new ParticipantId(reader.GetString(2)),
                contract,
                reader.GetString(3),
                reader.GetFieldValue<LocalDate>(4),
                reader.IsDBNull(5) ? null : reader.GetFieldValue<LocalDate>(5),
                EvidenceStatusText.Parse(reader.GetString(6)).Value,
                reader.GetFieldValue<LocalDate>(1),
                AttributesJson.Read(reader.GetString(7))));
        }

        return evidence;
    }
}
