using Dapper;
using Npgsql;
using Pbr.TestKit;

namespace Pbr.Ledger.Postgres.Tests.Faults;

/// <summary>
/// A real connection as pbr_app or pbr_auditor: a login as the role on the embedded cluster (its
/// socket trusts every role), or, on a server given by PBR_DATABASE_URL where the roles have no
/// password, the superuser's connection after <c>SET ROLE</c>, which is checked exactly the same way.
/// </summary>
internal static class RoleConnection
{
    public static async Task<NpgsqlConnection> OpenAsync(TestDatabase database, string role)
    {
        if (PostgresTestCluster.Cluster is not null)
        {
            var connection = new NpgsqlConnection(database.AsRole(role).ConnectionString);
            await connection.OpenAsync();
            return connection;
        }

        var shared = await database.OpenAsync();
        await shared.ExecuteAsync($"SET ROLE {role}");
        return shared;
    }

    /// <summary>Runs a statement in a transaction that is always rolled back, and returns the error it raised, or null if it ran.</summary>
    public static async Task<PostgresException?> TryAsync(NpgsqlConnection connection, string sql)
    {
        await using var transaction = await connection.BeginTransactionAsync();
        try
        {
            await connection.ExecuteAsync(sql, transaction: transaction);
            return null;
        }
        catch (PostgresException e)
        {
            return e;
        }
        finally
        {
            await transaction.RollbackAsync();
        }
    }
}
