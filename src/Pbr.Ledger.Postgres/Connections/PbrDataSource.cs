using Npgsql;

namespace Pbr.Ledger.Postgres.Connections;

/// <summary>Builds the process's one <see cref="NpgsqlDataSource"/> from a resolved connection string.</summary>
public static class PbrDataSource
{
    /// <summary>The application name the server shows in <c>pg_stat_activity</c>.</summary>
    public const string ApplicationName = "pbr";

    /// <summary>
    /// Creates a data source that maps NodaTime types. Create one per process (or per test database)
    /// and dispose it at the end: it owns the connection pool.
    /// </summary>
    public static NpgsqlDataSource Create(string connectionString)
    {
        var builder = new NpgsqlDataSourceBuilder(connectionString);
        if (string.IsNullOrEmpty(builder.ConnectionStringBuilder.ApplicationName))
        {
            builder.ConnectionStringBuilder.ApplicationName = ApplicationName;
        }

        builder.UseNodaTime();
        return builder.Build();
    }
}
