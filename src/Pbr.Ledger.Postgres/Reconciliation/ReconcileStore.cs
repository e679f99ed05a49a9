using Dapper;
using NodaTime;
using Npgsql;
using Pbr.Core;
using Pbr.Core.Model;
using Pbr.Ledger.Postgres.Settlement;
using Pbr.Ledger.Postgres.Sql;

namespace Pbr.Ledger.Postgres.Reconciliation;

/// <summary>What a reconciliation reads for one contract: balances as of a date, participants, evidence known then.</summary>
public sealed class ReconcileStore(NpgsqlDataSource dataSource)
{
    private const string BalancesSql = """
        SELECT l.participant_id AS Participant, l.outcome AS Outcome, l.instalment AS Instalment, sum(l.amount_pence)::bigint AS Amount
        FROM ledger_lines l
        JOIN runs r ON r.contract_id = l.contract_id AND r.run_id = l.run_id
        WHERE l.contract_id = @contract AND l.participant_id IS NOT NULL AND r.as_of <= @asOf
        GROUP BY l.participant_id, l.outcome, l.instalment
        """;

    /// <summary>Reads the ledger balance per participant key from runs settled as of <paramref name="asOf"/>, and the inputs known then.</summary>
    public async Task<ReconcileInputs> ReadAsync(ContractId contract, LocalDate asOf, CancellationToken cancellationToken = default)
    {
        LocalDateHandler.EnsureRegistered();
        var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var rows = await connection.QueryAsync<BalanceRow>(new CommandDefinition(
                BalancesSql, new { contract = contract.Value, asOf }, cancellationToken: cancellationToken)).ConfigureAwait(false);
            var balances = rows.ToDictionary(r => (new ParticipantId(r.Participant), r.Outcome, r.Instalment), r => Money.FromPence(r.Amount));
            var participants = await LedgerReads.ParticipantsAsync(connection, contract, cancellationToken).ConfigureAwait(false);
            var evidence = await LedgerReads.EvidenceAsync(connection, contract, asOf, cancellationToken).ConfigureAwait(false);
            return new ReconcileInputs(balances, participants.ToDictionary(p => p.Id), evidence.ToLookup(e => e.Participant));
        }
    }

    private sealed class BalanceRow
    {
        public string Participant { get; init; } = "";
        public string Outcome { get; init; } = "";
        public int Instalment { get; init; }
        public long Amount { get; init; }
    }
}

/// <summary>The ledger side of a reconciliation.</summary>
public sealed record ReconcileInputs(
    IReadOnlyDictionary<(ParticipantId, string, int), Money> Balances,
    IReadOnlyDictionary<ParticipantId, Participant> Participants,
    ILookup<ParticipantId, EvidenceVersion> Evidence);
