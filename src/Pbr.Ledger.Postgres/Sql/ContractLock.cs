using Dapper;
using Npgsql;
using Pbr.Core;

namespace Pbr.Ledger.Postgres.Sql;

/// <summary>
/// The per-contract advisory lock that keeps settlement runs and imports of one contract from
/// interleaving. Transaction-scoped, so it is released by commit, rollback or a dropped connection.
/// Callers take several in ordinal contract order, so two of them can never deadlock.
/// </summary>
internal static class ContractLock
{
    // The key is a 64-bit hash of the contract id; a collision only makes two contracts wait for each other.
    private const string WaitSql = "SELECT pg_advisory_xact_lock(hashtextextended('pbr:contract:' || @contract, 0))";
    private const string TrySql = "SELECT pg_try_advisory_xact_lock(hashtextextended('pbr:contract:' || @contract, 0))";

    /// <summary>Takes the locks of the contracts in ordinal order; with <paramref name="wait"/> false, returns the first one held elsewhere.</summary>
    public static async Task<ContractId?> TakeAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, IEnumerable<ContractId> contracts, bool wait, CancellationToken cancellationToken)
    {
        foreach (var contract in contracts.Distinct().Order())
        {
            var command = new CommandDefinition(wait ? WaitSql : TrySql, new { contract = contract.Value }, transaction, Timeouts.BulkSeconds, cancellationToken: cancellationToken);
            if (wait)
            {
                await connection.ExecuteAsync(command).ConfigureAwait(false);
            }
            else if (!await connection.ExecuteScalarAsync<bool>(command).ConfigureAwait(false))
            {
                return contract;
            }
        }

        return null;
    }
}
