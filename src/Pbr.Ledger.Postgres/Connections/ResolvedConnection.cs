using Npgsql;
using Pbr.Ledger.Postgres.Embedded;

namespace Pbr.Ledger.Postgres.Connections;

/// <summary>The database the tool will use, and where that choice came from.</summary>
/// <param name="Settings">The connection settings.</param>
/// <param name="Cluster">The embedded cluster serving it, or null when <c>PBR_DATABASE_URL</c> named a server.</param>
public sealed record ResolvedConnection(NpgsqlConnectionStringBuilder Settings, EmbeddedCluster? Cluster)
{
    /// <summary>Gets the Npgsql connection string.</summary>
    public string ConnectionString => Settings.ConnectionString;

    /// <summary>Gets a value indicating whether the embedded cluster serves the database.</summary>
    public bool IsEmbedded => Cluster is not null;

    /// <summary>Gets the connection as a libpq URL that <c>psql</c> accepts.</summary>
    public string Url => DatabaseUrl.Format(Settings);
}
