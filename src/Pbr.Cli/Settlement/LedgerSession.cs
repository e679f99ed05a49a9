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
    /// <param name="role">The role to connect as on the embedded cluster: the application role unless an
    /// audit command asks for the read-only <c>pbr_auditor</c>.</param>
    public static Task<(LedgerSession? Session, string? Error)> OpenAsync(CancellationToken cancellationToken, string role = "pbr_app") =>
        OpenAsync(PbrEnvironment.FromProcess(), cancellationToken, role);

    /// <summary>As <see cref="OpenAsync(CancellationToken, string)"/>, with the database chosen by <paramref name="environment"/> (e.g. from <c>pbr.json</c>).</summary>
    public static async Task<(LedgerSession? Session, string? Error)> OpenAsync(PbrEnvironment environment, CancellationToken cancellationToken, string role = "pbr_app")
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
            settings.Username = role;
            settings.Password = null;
        }

        return (new LedgerSession(PbrDataSource.Create(settings.ConnectionString), resolved.Value.IsEmbedded), null);
    }

    /// <summary>
    /// Opens the ledger as <paramref name="role"/>, runs <paramref name="body"/> and closes it; when the
    /// ledger cannot be opened, says why on stderr and returns the failure exit code.
    /// </summary>
    public static async Task<int> UseAsync(Func<LedgerSession, Task<int>> body, CancellationToken cancellationToken, string role = "pbr_app")
    {
        ArgumentNullException.ThrowIfNull(body);
        var (session, error) = await OpenAsync(cancellationToken, role);
        if (session is null)
        {
            await Console.Error.WriteLineAsync($"pbr: {error}");
            return ExitCodes.Failure;
        }

        await using (session)
        {
            return await body(session);
        }
    }

    /// <summary>Compiles the tariff sources in force; when there are none, or they do not compile, says why on stderr and returns null.</summary>
    public async Task<TariffCompilation?> LoadTariffsOrSayWhyAsync(CancellationToken cancellationToken)
    {
        var (compilation, error) = await LoadTariffsAsync(cancellationToken);
        if (compilation is null)
        {
            await Console.Error.WriteLineAsync($"pbr: {error}");
        }

        return compilation;
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
