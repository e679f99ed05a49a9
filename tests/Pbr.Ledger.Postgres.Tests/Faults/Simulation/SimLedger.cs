using Dapper;
using Pbr.Core;
using Pbr.TestKit;

namespace Pbr.Ledger.Postgres.Tests.Faults.Simulation;

/// <summary>Reads what the simulated contract's ledger holds, as the superuser, straight from the tables.</summary>
internal sealed class SimLedger(TestDatabase database, string contract)
{
    /// <summary>Gets the sum of posted lines per key "participant||outcome|instalment", zero sums left out.</summary>
    public async Task<SortedDictionary<string, long>> BalancesAsync()
    {
        await using var connection = await database.OpenAsync();
        var rows = await connection.QueryAsync<(string Key, long Amount)>(
            """
            SELECT coalesce(participant_id, '') || '|' || coalesce(cohort, '') || '|' || outcome || '|' || instalment, sum(amount_pence)::bigint
            FROM ledger_lines WHERE contract_id = @contract
            GROUP BY participant_id, cohort, outcome, instalment
            HAVING sum(amount_pence) <> 0
            """,
            new { contract });
        return new SortedDictionary<string, long>(rows.ToDictionary(r => r.Key, r => r.Amount), StringComparer.Ordinal);
    }

    /// <summary>Gets how many run headers and ledger lines the contract has.</summary>
    public async Task<(long Runs, long Lines)> CountsAsync()
    {
        await using var connection = await database.OpenAsync();
        return await connection.QuerySingleAsync<(long, long)>(
            """
            SELECT (SELECT count(*) FROM runs WHERE contract_id = @contract),
                   (SELECT count(*) FROM ledger_lines WHERE contract_id = @contract)
            """,
            new { contract });
    }

    /// <summary>Gets the ids of every posted run, in order.</summary>
    public async Task<List<RunId>> RunsAsync()
    {
        await using var connection = await database.OpenAsync();
        var ids = await connection.QueryAsync<long>("SELECT run_id FROM runs WHERE contract_id = @contract ORDER BY run_id", new { contract });
        return [.. ids.Select(id => new RunId(id))];
    }

    /// <summary>Gets how many posted lines are clawbacks (negative amounts).</summary>
    public async Task<long> ClawbackLinesAsync()
    {
        await using var connection = await database.OpenAsync();
        return await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM ledger_lines WHERE contract_id = @contract AND amount_pence < 0", new { contract });
    }
}
