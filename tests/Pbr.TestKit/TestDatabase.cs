using System.Security.Cryptography;
using Npgsql;
using Pbr.Ledger.Postgres.Connections;
using Pbr.Ledger.Postgres.Migrations;

namespace Pbr.TestKit;

/// <summary>
/// A freshly created database <c>t_&lt;random&gt;</c> on the test server, migrated unless asked
/// otherwise, dropped when disposed.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private readonly NpgsqlConnectionStringBuilder _server;

    private TestDatabase(NpgsqlConnectionStringBuilder server, string name)
    {
        _server = server;
        Name = name;
        Settings = new NpgsqlConnectionStringBuilder(server.ConnectionString) { Database = name };
        DataSource = PbrDataSource.Create(Settings.ConnectionString);
    }

    /// <summary>Gets the database name.</summary>
    public string Name { get; }

    /// <summary>Gets the connection settings (as the server's superuser).</summary>
    public NpgsqlConnectionStringBuilder Settings { get; }

    /// <summary>Gets the Npgsql connection string.</summary>
    public string ConnectionString => Settings.ConnectionString;

    /// <summary>Gets the connection as a libpq URL, as <c>PBR_DATABASE_URL</c> or <c>psql</c> take it.</summary>
    public string Url => DatabaseUrl.Format(Settings);

    /// <summary>Gets a data source for the database, mapping NodaTime types.</summary>
    public NpgsqlDataSource DataSource { get; }

    /// <summary>Creates a database and, unless <paramref name="migrate"/> is false, applies the ledger migrations.</summary>
    public static async Task<TestDatabase> CreateAsync(bool migrate = true, CancellationToken cancellationToken = default)
    {
        var server = await PostgresTestCluster.ServerAsync(cancellationToken);
        var name = "t_" + RandomNumberGenerator.GetHexString(16, lowercase: true);
        await DatabaseAdmin.EnsureDatabaseAsync(server, name, cancellationToken);
        var database = new TestDatabase(server, name);
        if (migrate)
        {
            var migrated = await new MigrationRunner(database.DataSource).MigrateAsync(cancellationToken);
            if (!migrated.Success)
            {
                await database.DisposeAsync();
                Assert.Fail($"the ledger migrations failed on a fresh database: {migrated.Error}");
            }
        }

        return database;
    }

    /// <summary>Opens a connection, as the superuser.</summary>
    public ValueTask<NpgsqlConnection> OpenAsync(CancellationToken cancellationToken = default) =>
        DataSource.OpenConnectionAsync(cancellationToken);

    /// <summary>Gets connection settings for another role, e.g. <c>pbr_app</c>, on the same database.</summary>
    public NpgsqlConnectionStringBuilder AsRole(string role) =>
        new(Settings.ConnectionString) { Username = role, Password = null };

    /// <summary>Drops the database, ending any session still on it.</summary>
    public async ValueTask DisposeAsync()
    {
        await DataSource.DisposeAsync();
        await DatabaseAdmin.DropDatabaseAsync(_server, Name);
    }
}
