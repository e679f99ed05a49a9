using System.CommandLine;
using Npgsql;
using Pbr.Ledger.Postgres.Connections;
using Pbr.Ledger.Postgres.Embedded;
using Pbr.Ledger.Postgres.Migrations;
using Serilog;

namespace Pbr.Cli.Commands;

/// <summary>
/// <c>pbr db start|stop|status|url|migrate</c>: manage the embedded cluster, or migrate the server
/// <c>PBR_DATABASE_URL</c> names.
/// </summary>
/// <remarks>
/// Exit codes: 0 done (for <c>status</c>: the report was made, whatever the state); 1 failed;
/// 2 invalid input (an unreadable <c>PBR_DATABASE_URL</c>, or start/stop asked of a cluster that
/// <c>PBR_DATABASE_URL</c> replaces).
/// </remarks>
internal static class DbCommand
{
    private static readonly Option<string> s_database = new("--database", "-d")
    {
        Description = "The database name (default pbr; a PBR_DATABASE_URL that names a database wins).",
        DefaultValueFactory = _ => EmbeddedCluster.DefaultDatabase,
    };

    public static Command Create()
    {
        var command = new Command("db", "Manage the embedded PostgreSQL cluster, or migrate the server PBR_DATABASE_URL names.");
        command.Subcommands.Add(Sub("start", "Create (first time) and start the embedded cluster; does nothing if it runs already.", StartAsync));
        command.Subcommands.Add(Sub("stop", "Stop the embedded cluster.", StopAsync));
        command.Subcommands.Add(Sub("status", "Show whether the embedded cluster runs, its pid, version, data folder and socket.", StatusAsync));
        command.Subcommands.Add(Sub("url", "Print a connection URL that psql accepts, e.g. psql \"$(pbr db url)\".", UrlAsync, withDatabase: true));
        command.Subcommands.Add(Sub("migrate", "Apply the ledger migrations not yet applied (starting the embedded cluster if needed).", MigrateAsync, withDatabase: true));
        return command;
    }

    private static Command Sub(string name, string description, Func<ParseResult, Context, CancellationToken, Task<int>> action, bool withDatabase = false)
    {
        var sub = new Command(name, description);
        if (withDatabase)
        {
            sub.Options.Add(s_database);
        }

        sub.SetAction((parsed, cancellationToken) => action(parsed, new Context(parsed, PbrEnvironment.FromProcess()), cancellationToken));
        return sub;
    }

    private static async Task<int> StartAsync(ParseResult parsed, Context context, CancellationToken cancellationToken)
    {
        if (context.RefuseWhenUrlSet("start") is { } refused)
        {
            return refused;
        }

        if (context.Cluster() is not { } cluster)
        {
            return ExitCodes.Failure;
        }

        var started = await cluster.StartAsync(cancellationToken);
        if (!started.Success)
        {
            return context.Fail(started.Error!);
        }

        try
        {
            await DatabaseAdmin.EnsureDatabaseAsync(cluster.ConnectionString(), EmbeddedCluster.DefaultDatabase, cancellationToken);
        }
        catch (NpgsqlException e)
        {
            return context.Fail($"the server started but the database '{EmbeddedCluster.DefaultDatabase}' could not be created: {e.Message}");
        }

        var outcome = started.Value;
        Log.Information("Embedded cluster {DataDirectory} {Outcome} with pid {Pid}", cluster.Layout.DataDirectory, outcome.AlreadyRunning ? "already running" : "started", outcome.Pid);
        await context.Out.WriteLineAsync(outcome.AlreadyRunning
            ? $"PostgreSQL is already running (pid {outcome.Pid}); nothing to do."
            : $"PostgreSQL started (pid {outcome.Pid}){(outcome.Initialised ? ", new cluster created" : string.Empty)}.");
        await context.Out.WriteLineAsync($"data folder: {cluster.Layout.Home}");
        await context.Out.WriteLineAsync($"socket:      {cluster.Layout.SocketFile}");
        return ExitCodes.Success;
    }

    private static async Task<int> StopAsync(ParseResult parsed, Context context, CancellationToken cancellationToken)
    {
        if (context.RefuseWhenUrlSet("stop") is { } refused)
        {
            return refused;
        }

        if (context.Cluster() is not { } cluster)
        {
            return ExitCodes.Failure;
        }

        var stopped = await cluster.StopAsync(cancellationToken);
        if (!stopped.Success)
        {
            return context.Fail(stopped.Error!);
        }

        Log.Information("Embedded cluster {DataDirectory} stop: {WasRunning}", cluster.Layout.DataDirectory, stopped.Value);
        await context.Out.WriteLineAsync(stopped.Value ? "PostgreSQL stopped." : "PostgreSQL is not running; nothing to do.");
        return ExitCodes.Success;
    }

    private static async Task<int> StatusAsync(ParseResult parsed, Context context, CancellationToken cancellationToken)
    {
        if (context.Environment.HasDatabaseUrl)
        {
            var resolved = new ConnectionResolver(context.Environment).Describe();
            if (!resolved.Success)
            {
                return context.Invalid(resolved.Error!);
            }

            await context.Out.WriteLineAsync($"database:    PBR_DATABASE_URL {DatabaseUrl.Redact(resolved.Value.Url)}");
            try
            {
                await using var connection = new NpgsqlConnection(resolved.Value.ConnectionString);
                await connection.OpenAsync(cancellationToken);
                await context.Out.WriteLineAsync($"state:       reachable (PostgreSQL {connection.PostgreSqlVersion})");
                return ExitCodes.Success;
            }
            catch (NpgsqlException e)
            {
                return context.Fail($"state:       unreachable: {e.Message}");
            }
        }

        if (context.Cluster() is not { } cluster)
        {
            return ExitCodes.Failure;
        }

        var status = await cluster.StatusAsync(cancellationToken);
        var state = status.State switch
        {
            ClusterState.Running => "running",
            ClusterState.Stopped => "stopped",
            _ => "not initialised (run 'pbr db start')",
        };
        await context.Out.WriteLineAsync($"state:       {state}");
        await context.Out.WriteLineAsync($"pid:         {(status.Pid is { } pid ? pid.ToString(System.Globalization.CultureInfo.InvariantCulture) : "-")}");
        await context.Out.WriteLineAsync($"version:     {status.Version ?? "unknown"}");
        await context.Out.WriteLineAsync($"data folder: {status.Layout.Home}");
        await context.Out.WriteLineAsync($"cluster:     {status.Layout.DataDirectory}");
        await context.Out.WriteLineAsync($"socket:      {status.Layout.SocketFile}");
        await context.Out.WriteLineAsync($"log:         {status.Layout.LogFile}");
        await context.Out.WriteLineAsync($"url:         {cluster.Url()}");
        return ExitCodes.Success;
    }

    private static async Task<int> UrlAsync(ParseResult parsed, Context context, CancellationToken cancellationToken)
    {
        var resolved = new ConnectionResolver(context.Environment).Describe(new ConnectionOptions { DatabaseName = parsed.GetValue(s_database)! });
        if (!resolved.Success)
        {
            return context.Environment.HasDatabaseUrl ? context.Invalid(resolved.Error!) : context.Fail(resolved.Error!);
        }

        await context.Out.WriteLineAsync(resolved.Value.Url);
        return ExitCodes.Success;
    }

    private static async Task<int> MigrateAsync(ParseResult parsed, Context context, CancellationToken cancellationToken)
    {
        var resolved = await new ConnectionResolver(context.Environment).ResolveAsync(
            new ConnectionOptions { DatabaseName = parsed.GetValue(s_database)! },
            cancellationToken);
        if (!resolved.Success)
        {
            return context.Environment.HasDatabaseUrl && resolved.Error!.StartsWith(PbrEnvironment.DatabaseUrlVariable, StringComparison.Ordinal)
                ? context.Invalid(resolved.Error)
                : context.Fail(resolved.Error!);
        }

        await using var dataSource = PbrDataSource.Create(resolved.Value.ConnectionString);
        OperationResult<MigrationReport> report;
        try
        {
            report = await new MigrationRunner(dataSource).MigrateAsync(cancellationToken);
        }
        catch (NpgsqlException e)
        {
            return context.Fail($"could not migrate {DatabaseUrl.Redact(resolved.Value.Url)}: {e.Message}");
        }

        if (!report.Success)
        {
            return context.Fail(report.Error!);
        }

        foreach (var migration in report.Value.Applied)
        {
            Log.Information("Applied migration {Migration}", migration.Name);
            await context.Out.WriteLineAsync($"applied {migration.Name}");
        }

        var total = report.Value.Applied.Length + report.Value.AlreadyApplied.Length;
        await context.Out.WriteLineAsync(report.Value.Applied.IsEmpty
            ? $"The database is up to date ({total} migrations); nothing applied."
            : $"Applied {report.Value.Applied.Length} of {total} migrations.");
        return ExitCodes.Success;
    }

    /// <summary>What every subcommand needs: the environment and where to write.</summary>
    private sealed class Context(ParseResult parsed, PbrEnvironment environment)
    {
        public PbrEnvironment Environment { get; } = environment;

        public TextWriter Out { get; } = parsed.InvocationConfiguration.Output;

        private TextWriter Error { get; } = parsed.InvocationConfiguration.Error;

        public EmbeddedCluster? Cluster()
        {
            var cluster = EmbeddedCluster.FromEnvironment(Environment);
            if (!cluster.Success)
            {
                Fail(cluster.Error!);
                return null;
            }

            return cluster.Value;
        }

        public int? RefuseWhenUrlSet(string verb)
        {
            return Environment.HasDatabaseUrl
                ? Invalid($"PBR_DATABASE_URL is set, so the embedded cluster is not used and there is nothing to {verb}. Unset it to manage the embedded cluster.")
                : null;
        }

        public int Fail(string message)
        {
            Error.WriteLine($"pbr db: {message}");
            return ExitCodes.Failure;
        }

        public int Invalid(string message)
        {
            Error.WriteLine($"pbr db: {message}");
            return ExitCodes.InvalidInput;
        }
    }
}
