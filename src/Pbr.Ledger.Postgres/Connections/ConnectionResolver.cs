using Npgsql;
using Pbr.Ledger.Postgres.Embedded;

namespace Pbr.Ledger.Postgres.Connections;

/// <summary>
/// Decides which database the tool uses: the server <c>PBR_DATABASE_URL</c> names when it is set,
/// otherwise the embedded cluster in the data folder, started (and created) on demand with its
/// database created if missing. The command line and the test kit both resolve through here.
/// </summary>
public sealed class ConnectionResolver
{
    private readonly PbrEnvironment _environment;

    /// <summary>Creates a resolver reading <paramref name="environment"/>.</summary>
    public ConnectionResolver(PbrEnvironment environment) =>
        _environment = environment ?? throw new ArgumentNullException(nameof(environment));

    /// <summary>Resolves the connection without starting anything: the settings a client would use now.</summary>
    public OperationResult<ResolvedConnection> Describe(ConnectionOptions? options = null)
    {
        options ??= new ConnectionOptions();
        if (_environment.HasDatabaseUrl)
        {
            return FromUrl(options);
        }

        var cluster = EmbeddedCluster.FromEnvironment(_environment, options.BinarySearchFolders, options.Durable);
        return cluster.Success
            ? OperationResult<ResolvedConnection>.Ok(new ResolvedConnection(cluster.Value.ConnectionString(options.DatabaseName), cluster.Value))
            : OperationResult<ResolvedConnection>.Fail(cluster.Error!);
    }

    /// <summary>
    /// Resolves the connection, starting the embedded cluster and creating its database when needed.
    /// </summary>
    public async Task<OperationResult<ResolvedConnection>> ResolveAsync(ConnectionOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new ConnectionOptions();
        var described = Describe(options);
        if (!described.Success || described.Value.Cluster is not { } cluster)
        {
            return described;
        }

        if (!DatabaseAdmin.IsPlainName(options.DatabaseName))
        {
            return OperationResult<ResolvedConnection>.Fail($"'{options.DatabaseName}' is not a plain database name (letters, digits and underscores).");
        }

        if (options.StartEmbedded)
        {
            var started = await cluster.StartAsync(cancellationToken).ConfigureAwait(false);
            if (!started.Success)
            {
                return OperationResult<ResolvedConnection>.Fail(started.Error!);
            }
        }

        try
        {
            await DatabaseAdmin.EnsureDatabaseAsync(described.Value.Settings, options.DatabaseName, cancellationToken).ConfigureAwait(false);
        }
        catch (NpgsqlException e)
        {
            return OperationResult<ResolvedConnection>.Fail(
                $"could not reach the embedded cluster on {cluster.Layout.SocketDirectory}: {e.Message}. Is it running? Try 'pbr db start'.");
        }

        return described;
    }

    private OperationResult<ResolvedConnection> FromUrl(ConnectionOptions options)
    {
        var parsed = DatabaseUrl.Parse(_environment.DatabaseUrl);
        if (!parsed.Success)
        {
            return OperationResult<ResolvedConnection>.Fail($"{PbrEnvironment.DatabaseUrlVariable}: {parsed.Error}");
        }

        var settings = parsed.Value;
        if (string.IsNullOrEmpty(settings.Database))
        {
            settings.Database = options.DatabaseName;
        }

        return OperationResult<ResolvedConnection>.Ok(new ResolvedConnection(settings, null));
    }
}
