using Npgsql;
using NpgsqlTypes;
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
    private const string LatestRunSql = """
        SELECT as_of, known_at, engine_version, tariff_sha256s, input_digest, participant_count, evidence_count,
               line_count, payments_pence, clawbacks_pence, prev_hash, run_hash
        FROM runs WHERE contract_id = @contract ORDER BY run_id DESC LIMIT 1
        """;

    // The rows a settlement reads (ParticipantsSql and EvidenceSql without their audit filters), only counted.
    private const string InputRowsSql = """
        SELECT (SELECT count(*) FROM participants WHERE contract_id = @contract)::integer,
               (SELECT count(*) FROM evidence_versions WHERE contract_id = @contract AND recorded_on <= @knownAt)::integer
        """;

    private const string RunByKeySql = "SELECT run_id FROM runs WHERE contract_id = @contract AND run_key = @runKey";

    // Each key's lines in run order, summed here: the same query as a GROUP BY with the latest rule and
    // tariff taken by array_agg(... ORDER BY run_id DESC) sorted every key's rows on its own, about 7 s of
    // server time for 2.9 million lines where this sort of them all takes under 3 s.
    private const string PostedSql = """
        SELECT participant_id, cohort, outcome, instalment, amount_pence, rule, tariff_sha256
        FROM ledger_lines
        WHERE contract_id = @contract AND run_id < coalesce(@beforeRun, 9223372036854775807)
        ORDER BY participant_id, cohort, outcome, instalment, run_id
        """;

    private const string ParticipantsSql = """
        SELECT participant_id, start_date, attributes::text, content_sha256 FROM participants
        WHERE contract_id = @contract AND imported_at <= coalesce(@importedBy, 'infinity')
          AND participant_id = coalesce(@participant, participant_id)
        """;

    private const string EvidenceSql = """
        SELECT evidence_id, recorded_on, participant_id, kind, start_date, end_date, status, attributes::text, content_sha256
        FROM evidence_versions
        WHERE contract_id = @contract AND recorded_on <= @knownAt AND imported_at <= coalesce(@importedBy, 'infinity')
          AND participant_id = coalesce(@participant, participant_id)
        """;

    /// <summary>The header of the contract's latest run, or null before its first.</summary>
    public static async Task<RunHeader?> LatestRunAsync(NpgsqlConnection connection, ContractId contract, CancellationToken cancellationToken)
    {
        using var command = new NpgsqlCommand(LatestRunSql, connection) { CommandTimeout = Sql.Timeouts.BulkSeconds };
        command.Parameters.AddWithValue("contract", contract.Value);
        using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        return new RunHeader(
            contract,
            reader.GetFieldValue<LocalDate>(0),
            reader.GetFieldValue<LocalDate>(1),
            reader.GetString(2),
            [.. reader.GetFieldValue<string[]>(3)],
            reader.GetString(4),
            reader.GetInt32(5),
            reader.GetInt32(6),
            reader.GetInt32(7),
            Money.FromPence(reader.GetInt64(8)),
            Money.FromPence(reader.GetInt64(9)),
            reader.GetString(10),
            reader.GetString(11));
    }

    /// <summary>How many participant rows and evidence versions known at <paramref name="knownAt"/> a run of the contract would read.</summary>
    public static async Task<(int Participants, int Evidence)> InputRowsAsync(
        NpgsqlConnection connection, ContractId contract, LocalDate knownAt, CancellationToken cancellationToken)
    {
        using var command = new NpgsqlCommand(InputRowsSql, connection) { CommandTimeout = Sql.Timeouts.BulkSeconds };
        command.Parameters.AddWithValue("contract", contract.Value);
        command.Parameters.AddWithValue("knownAt", knownAt);
        using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        return (reader.GetInt32(0), reader.GetInt32(1));
    }

    public static async Task<RunId?> RunByKeyAsync(NpgsqlConnection connection, ContractId contract, string runKey, CancellationToken cancellationToken)
    {
        using var command = new NpgsqlCommand(RunByKeySql, connection) { CommandTimeout = Sql.Timeouts.BulkSeconds };
        command.Parameters.AddWithValue("contract", contract.Value);
        command.Parameters.AddWithValue("runKey", runKey);
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is long id ? new RunId(id) : null;
    }

    public static async Task<List<PostedBalance>> PostedAsync(
        NpgsqlConnection connection, ContractId contract, CancellationToken cancellationToken, RunId? beforeRun = null)
    {
        // A replay asks for the ledger as it stood before the run it checks; a settlement for all of it.
        using var command = new NpgsqlCommand(PostedSql, connection) { CommandTimeout = Sql.Timeouts.BulkSeconds };
        command.Parameters.AddWithValue("contract", contract.Value);
        command.Parameters.Add(new NpgsqlParameter<long?>("beforeRun", NpgsqlDbType.Bigint) { TypedValue = beforeRun?.Value });
        var balances = new List<PostedBalance>();
        // A participant's id, an outcome and a rule repeat across keys and lines: each keeps the first copy read.
        var same = new Dictionary<string, string>(StringComparer.Ordinal);
        var tariffs = new Dictionary<Sha256Value, string>();
        var hash = new byte[32];
        (string? Participant, string? Cohort, string Outcome, int Instalment)? key = null;
        var sum = Money.Zero;
        string rule = string.Empty, tariff = string.Empty;
        void AddBalance()
        {
            if (key is { } k)
            {
                balances.Add(new PostedBalance(new LineKey(contract, k.Participant ?? string.Empty, k.Cohort ?? string.Empty, k.Outcome, k.Instalment), sum, rule, tariff));
            }
        }

        using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            (string?, string?, string, int) row = (
                reader.IsDBNull(0) ? null : Shared(same, reader.GetString(0)),
                reader.IsDBNull(1) ? null : Shared(same, reader.GetString(1)),
                Shared(same, reader.GetString(2)),
                reader.GetInt32(3));
            if (row != key)
            {
                AddBalance();
                key = row;
                sum = Money.Zero;
            }

            // Rows come in run order: the last row's rule and tariff are the latest.
            sum += Money.FromPence(reader.GetInt64(4));
            rule = Shared(same, reader.GetString(5));
            var tariffHash = StoredHash(reader, 6, hash);
            if (!tariffs.TryGetValue(tariffHash, out tariff!))
            {
                tariff = tariffHash.ToString();
                tariffs.Add(tariffHash, tariff);
            }
        }

        AddBalance();
        return balances;
    }

    /// <param name="hashes">When given, receives each row's stored content hash, index for index with the rows.</param>
    public static async Task<List<Participant>> ParticipantsAsync(
        NpgsqlConnection connection,
        ContractId contract,
        CancellationToken cancellationToken,
        Instant? importedBy = null,
        ParticipantId? participant = null,
        List<Sha256Value>? hashes = null)
    {
        // A replay reads only the rows imported by the time of the run it checks; an explanation, one participant's.
        using var command = new NpgsqlCommand(ParticipantsSql, connection) { CommandTimeout = Sql.Timeouts.BulkSeconds };
        command.Parameters.AddWithValue("contract", contract.Value);
        command.Parameters.Add(ImportedBy(importedBy));
        command.Parameters.Add(Participant(participant));
        var participants = new List<Participant>();
        var attributes = new AttributesJson.Cache();
        var hash = new byte[32];
        using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            participants.Add(new Participant(
                new ParticipantId(reader.GetString(0)), contract, reader.GetFieldValue<LocalDate>(1), attributes.Read(reader.GetString(2))));
            hashes?.Add(StoredHash(reader, 3, hash));
        }

        return participants;
    }

    /// <param name="hashes">When given, receives each row's stored content hash, index for index with the rows.</param>
    public static async Task<List<EvidenceVersion>> EvidenceAsync(
        NpgsqlConnection connection,
        ContractId contract,
        LocalDate knownAt,
        CancellationToken cancellationToken,
        Instant? importedBy = null,
        ParticipantId? participant = null,
        List<Sha256Value>? hashes = null)
    {
        using var command = new NpgsqlCommand(EvidenceSql, connection) { CommandTimeout = Sql.Timeouts.BulkSeconds };
        command.Parameters.AddWithValue("contract", contract.Value);
        command.Parameters.Add(ImportedBy(importedBy));
        command.Parameters.Add(Participant(participant));
        command.Parameters.AddWithValue("knownAt", knownAt);
        var evidence = new List<EvidenceVersion>();
        var attributes = new AttributesJson.Cache();
        var hash = new byte[32];
        // A participant's id and an evidence kind repeat across many rows: each row keeps the first copy read.
        var same = new Dictionary<string, string>(StringComparer.Ordinal);
        using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            evidence.Add(new EvidenceVersion(
                new EvidenceId(reader.GetString(0)),
                new ParticipantId(Shared(same, reader.GetString(2))),
                contract,
                Shared(same, reader.GetString(3)),
                reader.GetFieldValue<LocalDate>(4),
                reader.IsDBNull(5) ? null : reader.GetFieldValue<LocalDate>(5),
                EvidenceStatusText.Parse(reader.GetString(6)).Value,
                reader.GetFieldValue<LocalDate>(1),
                attributes.Read(reader.GetString(7))));
            hashes?.Add(StoredHash(reader, 8, hash));
        }

        return evidence;
    }

    // Read into one buffer: millions of rows need no array each. The columns' checks make a hash 32 bytes.
    private static Sha256Value StoredHash(NpgsqlDataReader reader, int column, byte[] buffer)
    {
        var read = reader.GetBytes(column, 0, buffer, 0, buffer.Length);
        return read == buffer.Length
            ? Sha256Value.From(buffer)
            : throw new InvalidOperationException($"A stored hash of {read} bytes, not 32.");
    }

    private static string Shared(Dictionary<string, string> same, string value)
    {
        if (same.TryGetValue(value, out var first))
        {
            return first;
        }

        same.Add(value, value);
        return value;
    }

    private static NpgsqlParameter ImportedBy(Instant? importedBy) =>
        new NpgsqlParameter<Instant?>("importedBy", NpgsqlDbType.TimestampTz) { TypedValue = importedBy };

    private static NpgsqlParameter Participant(ParticipantId? participant) =>
        new NpgsqlParameter<string?>("participant", NpgsqlDbType.Text) { TypedValue = participant?.Value };
}
