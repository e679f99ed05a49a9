using Npgsql;
using Pbr.Dsl;
using Pbr.Engine.Settlement;
using Pbr.Ledger.Postgres.Connections;
using Pbr.Ledger.Postgres.Migrations;
using Pbr.Ledger.Postgres.Tariffs;

namespace Pbr.Cli.Settlement;

/// <summary>
/// The ledger as the settlement commands use it: the resolved database (embedded unless
/// <c>PBR_DATABASE_URL</c> names one), migrated, with the process's one data source.
/// </summary>
/// <remarks>
/// On the embedded cluster the commands connect as <c>pbr_app</c>, the role that may only INSERT and
/// SELECT, so that the tool itself cannot edit history; on a configured server they connect as the URL says.
/// </remarks>
internal sealed class LedgerSession : IAsyncDisposable
{
    private LedgerSession(NpgsqlDataSource dataSource, bool embedded)
    {
        DataSource = dataSource;
        IsEmbedded = embedded;
    }

    /// <summary>Gets the data source.</summary>
    public NpgsqlDataSource DataSource { get; }

    /// <summary>Gets a value indicating whether the embedded cluster serves the ledger.</summary>
    public bool IsEmbedded { get; }

    /// <summary>Resolves, starts if needed, and migrates the ledger; the error is a message for the user.</summary>
    public static Task<(LedgerSession? Session, string? Error)> OpenAsync(CancellationToken cancellationToken) =>
        OpenAsync(PbrEnvironment.FromProcess(), cancellationToken);

    /// <summary>As <see cref="OpenAsync(CancellationToken)"/>, with the database chosen by <paramref name="environment"/> (e.g. from <c>pbr.json</c>).</summary>
    public static async Task<(LedgerSession? Session, string? Error)> OpenAsync(PbrEnvironment environment, CancellationToken cancellationToken)
    {
        var resolved = await new ConnectionResolver(environment).ResolveAsync(cancellationToken: cancellationToken);
        if (!resolved.Success)
        {
            return (null, resolved.Error);
        }

        await using (var owner = PbrDataSource.Create(resolved.Value.ConnectionString))
        {
            var migrated = await new MigrationRunner(owner).MigrateAsync(cancellationToken);
            if (!migrated.Success)
            {
                return (null, migrated.Error);
            }
        }

        var settings = new NpgsqlConnectionStringBuilder(resolved.Value.ConnectionString);
        if (resolved.Value.IsEmbedded)
        {
            settings.Username = "pbr_app";
            settings.Password = null;
        }

        return (new LedgerSession(PbrDataSource.Create(settings.ConnectionString), resolved.Value.IsEmbedded), null);
    }

    /// <summary>Compiles the tariff sources in force; the error is a message for the user.</summary>
    public async Task<(TariffCompilation? Compilation, string? Error)> LoadTariffsAsync(CancellationToken cancellationToken)
    {
        var sources = await new TariffStore(DataSource).LoadCurrentAsync(cancellationToken);
        if (sources.IsEmpty)
        {
            return (null, "no tariffs are published yet: run 'pbr tariff publish FILE...' first");
        }

        var compilation = TariffCompiler.Compile(sources);
        return compilation.HasErrors
            ? (null, "the published tariffs no longer compile:\n" + compilation.Render())
            : (compilation, null);
    }

    /// <summary>Gets the tariff catalog of a compilation without errors.</summary>
    public static ITariffCatalog Catalog(TariffCompilation compilation) => new CompiledTariffCatalog(compilation);

    public ValueTask DisposeAsync() => DataSource.DisposeAsync();
}
