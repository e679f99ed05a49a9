using Dapper;
using Pbr.TestKit;

namespace Pbr.Cli.Tests.Faults;

/// <summary>What the fault tests compare between a faulted database and its uninterrupted reference.</summary>
internal static class Ledgers
{
    /// <summary>The balance per key (contract, participant or cohort, outcome, instalment), zero balances left out.</summary>
    public static async Task<Dictionary<string, long>> BalancesAsync(TestDatabase database)
    {
        await using var connection = await database.OpenAsync();
        var rows = await connection.QueryAsync<(string Key, long Amount)>(
            """
            SELECT contract_id || '|' || coalesce(participant_id, '') || '|' || coalesce(cohort, '') || '|' || outcome || '|' || instalment,
                   sum(amount_pence)::bigint
            FROM ledger_lines
            GROUP BY contract_id, participant_id, cohort, outcome, instalment
            HAVING sum(amount_pence) <> 0
            """);
        return rows.ToDictionary(r => r.Key, r => r.Amount, StringComparer.Ordinal);
    }

    /// <summary>Runs <c>pbr</c> against the database and requires it to succeed.</summary>
    public static async Task Expect(TestDatabase database, params string[] arguments)
    {
        var result = await PbrCli.RunAsync(database, arguments);
        Assert.That(result.ExitCode, Is.Zero, result.ToString());
    }
}
