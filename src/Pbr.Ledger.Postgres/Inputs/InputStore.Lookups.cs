using Npgsql;
using NodaTime;
using Pbr.Core;

namespace Pbr.Ledger.Postgres.Inputs;

public sealed partial class InputStore
{
    private const string ParticipantStartsSql = "SELECT contract_id, participant_id, start_date FROM participants WHERE contract_id = ANY(@contracts)";

    /// <summary>
    /// Gets the start date of every participant held for the given contracts, so an evidence reader
    /// can check that evidence is about a known participant and within its windows.
    /// </summary>
    public async Task<IReadOnlyDictionary<(ContractId, ParticipantId), LocalDate>> ParticipantStartsAsync(
        IEnumerable<ContractId> contracts, CancellationToken cancellationToken = default)
    {
        var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = new NpgsqlCommand(ParticipantStartsSql, connection);
            command.Parameters.AddWithValue("contracts", contracts.Select(c => c.Value).Distinct().ToArray());
            using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            var starts = new Dictionary<(ContractId, ParticipantId), LocalDate>();
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                starts[(new ContractId(reader.GetString(0)), new ParticipantId(reader.GetString(1)))] = reader.GetFieldValue<LocalDate>(2);
            }

            return starts;
        }
    }
}
