using System.Text.RegularExpressions;
using Npgsql;

namespace Pbr.Ledger.Postgres.Connections;

/// <summary>Creates and drops databases on a server, through its maintenance database.</summary>
public static partial class DatabaseAdmin
{
    /// <summary>The database every PostgreSQL server has, used to create and drop the others.</summary>
    public const string MaintenanceDatabase = "postgres";

    /// <summary>Checks that <paramref name="name"/> is a plain identifier, safe to write into DDL.</summary>
    public static bool IsPlainName(string name) => PlainName().IsMatch(name);

    /// <summary>Creates the database unless it exists.</summary>
    /// <param name="server">A connection to the server; its database is ignored.</param>
    /// <param name="name">A plain identifier: letters, digits and underscores, not starting with a digit.</param>
    /// <returns>True when the database was created by this call.</returns>
    public static async Task<bool> EnsureDatabaseAsync(NpgsqlConnectionStringBuilder server, string name, CancellationToken cancellationToken = default)
    {
        var admin = Maintenance(server, name);
        var connection = new NpgsqlConnection(admin.ConnectionString);
        await using var connectionScope = connection.ConfigureAwait(false);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = $1", connection);
        await using (exists.ConfigureAwait(false))
        {
            exists.Parameters.Add(new NpgsqlParameter { Value = name });
            if (await exists.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is not null)
            {
                return false;
            }
        }

        try
        {
            // DDL takes no parameters; the name was checked to be a plain identifier above.
            var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\" ENCODING 'UTF8' TEMPLATE template0", connection);
            await using var createScope = create.ConfigureAwait(false);
            await create.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.DuplicateDatabase)
        {
            // Another process created it between our check and our CREATE: the outcome we wanted.
            return false;
        }
    }

    /// <summary>Drops the database if it exists, ending any sessions still connected to it.</summary>
    public static async Task DropDatabaseAsync(NpgsqlConnectionStringBuilder server, string name, CancellationToken cancellationToken = default)
    {
        var admin = Maintenance(server, name);
        var connection = new NpgsqlConnection(admin.ConnectionString);
        await using var connectionScope = connection.ConfigureAwait(false);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection);
        await using var dropScope = drop.ConfigureAwait(false);
        await drop.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static NpgsqlConnectionStringBuilder Maintenance(NpgsqlConnectionStringBuilder server, string name)
    {
        ArgumentNullException.ThrowIfNull(server);
        if (!IsPlainName(name))
        {
            throw new ArgumentException($"'{name}' is not a plain database name (letters, digits and underscores).", nameof(name));
        }

        // No pooling: these are one-off administrative sessions that must not linger on the server.
        return new NpgsqlConnectionStringBuilder(server.ConnectionString) { Database = MaintenanceDatabase, Pooling = false };
    }

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]{0,62}$", RegexOptions.CultureInvariant)]
    private static partial Regex PlainName();
}
