using System.Globalization;
using Npgsql;
using Pbr.Ledger.Postgres.Connections;
using Pbr.Ledger.Postgres.Embedded;

namespace Pbr.TestKit;

/// <summary>
/// The one PostgreSQL server a test process uses: the server <c>PBR_DATABASE_URL</c> names when it
/// is set, otherwise a throwaway embedded cluster in a temporary <c>PBR_HOME</c>, started on first
/// use through the same <see cref="EmbeddedCluster"/> the tool uses and stopped by <see cref="ClusterSetUp"/>.
/// </summary>
/// <remarks>
/// When the PostgreSQL programs are missing, a test asking for the server fails if <c>CI=true</c>
/// (a database test must never pass by skipping in CI) and is ignored otherwise, with the reason.
/// </remarks>
public static class PostgresTestCluster
{
    private const string HomePrefix = "pbr-test-";
    private const string OwnerFile = "owner.pid";

    private static readonly SemaphoreSlim s_gate = new(1, 1);
    private static NpgsqlConnectionStringBuilder? s_server;
    private static string? s_unavailable;
    private static bool s_failed;
    private static EmbeddedCluster? s_cluster;
    private static bool s_exitHookAdded;

    /// <summary>Gets the embedded cluster, or null when none was started (not yet, or <c>PBR_DATABASE_URL</c> is set).</summary>
    public static EmbeddedCluster? Cluster => s_cluster;

    /// <summary>Gets a value indicating whether this run runs in CI (<c>CI=true</c>), where missing PostgreSQL fails.</summary>
    public static bool InCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Gets a connection to the server (its maintenance database), starting the cluster on first use.
    /// Fails or ignores the calling test when no server can be had.
    /// </summary>
    public static async Task<NpgsqlConnectionStringBuilder> ServerAsync(CancellationToken cancellationToken = default)
    {
        await s_gate.WaitAsync(cancellationToken);
        try
        {
            if (s_server is null && s_unavailable is null)
            {
                await StartAsync(cancellationToken);
            }
        }
        finally
        {
            s_gate.Release();
        }

        if (s_unavailable is not null)
        {
            Unavailable(s_unavailable, s_failed);
        }

        return new NpgsqlConnectionStringBuilder(s_server!.ConnectionString);
    }

    /// <summary>
    /// Creates an empty temporary data folder (<c>/tmp/pbr-test-*</c>) marked with this process's id, so
    /// that a later test run can stop and delete the cluster in it if this process dies without doing so.
    /// </summary>
    public static string NewHome()
    {
        var home = Directory.CreateTempSubdirectory(HomePrefix).FullName;
        File.WriteAllText(Path.Combine(home, OwnerFile), Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
        return home;
    }

    /// <summary>Fails the test in CI, or ignores it elsewhere, because a prerequisite is missing.</summary>
    public static void RequirePrerequisite(string reason)
    {
        if (InCi)
        {
            Assert.Fail($"{reason} (CI=true, so a missing prerequisite fails the run)");
        }

        Assert.Ignore(reason);
    }

    /// <summary>Stops the embedded cluster, if this process started one, and deletes its folder.</summary>
    public static async Task StopAsync()
    {
        await s_gate.WaitAsync();
        try
        {
            if (s_cluster is { } cluster)
            {
                s_cluster = null;
                s_server = null;
                s_unavailable = "the test cluster has been stopped";
                var stopped = await cluster.StopAsync();
                TryDelete(cluster.Layout.Home);
                if (!stopped.Success)
                {
                    await TestContext.Error.WriteLineAsync($"could not stop the test cluster: {stopped.Error}");
                }
            }
        }
        finally
        {
            s_gate.Release();
        }
    }

    private static async Task StartAsync(CancellationToken cancellationToken)
    {
        // The same resolver as the command line: PBR_DATABASE_URL wins, else the embedded cluster.
        var environment = PbrEnvironment.FromProcess();
        var maintenance = new ConnectionOptions { DatabaseName = DatabaseAdmin.MaintenanceDatabase, Durable = false };
        if (environment.HasDatabaseUrl)
        {
            var described = new ConnectionResolver(environment).Describe(maintenance);
            if (!described.Success)
            {
                (s_unavailable, s_failed) = (described.Error!, true);
                return;
            }

            s_server = new NpgsqlConnectionStringBuilder(described.Value.ConnectionString) { Database = DatabaseAdmin.MaintenanceDatabase };
            return;
        }

        var binaries = PostgresBinaries.Find(environment.BinarySearchFolders());
        if (!binaries.Success)
        {
            (s_unavailable, s_failed) = (binaries.Error!, false);
            return;
        }

        await ReapOrphansAsync(binaries.Value, environment.IsRoot);
        var home = NewHome();
        var resolved = await new ConnectionResolver(environment with { PbrHome = home }).ResolveAsync(maintenance, cancellationToken);
        if (!resolved.Success)
        {
            // It may have started before failing; never leave a server behind.
            await new EmbeddedCluster(ClusterLayout.ForHome(home), binaries.Value, environment.IsRoot, durable: false).StopAsync(CancellationToken.None);

            TryDelete(home);
            (s_unavailable, s_failed) = ($"the test cluster did not start: {resolved.Error}", true);
            return;
        }

        s_cluster = resolved.Value.Cluster;
        s_server = resolved.Value.Settings;
        if (!s_exitHookAdded)
        {
            // A safety net for a test assembly without a ClusterSetUp: never leave a server running.
            AppDomain.CurrentDomain.ProcessExit += (_, _) => StopAsync().GetAwaiter().GetResult();
            s_exitHookAdded = true;
        }
    }

    /// <summary>
    /// Stops and deletes the clusters of earlier test processes that died (killed, crashed) before
    /// their tear-down ran: on a shared build machine forgotten servers add up.
    /// </summary>
    public static async Task ReapOrphansAsync(PostgresBinaries binaries, bool isRoot)
    {
        foreach (var home in Directory.EnumerateDirectories(Path.GetTempPath(), HomePrefix + "*"))
        {
            var owner = Path.Combine(home, OwnerFile);
            if (!File.Exists(owner)
                || !int.TryParse(File.ReadAllText(owner).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var pid)
                || Directory.Exists($"/proc/{pid}"))
            {
                continue;
            }

            await new EmbeddedCluster(ClusterLayout.ForHome(home), binaries, isRoot, durable: false).StopAsync();
            TryDelete(home);
        }
    }

    private static void Unavailable(string reason, bool failed)
    {
        if (failed)
        {
            Assert.Fail(reason);
        }

        RequirePrerequisite(reason);
    }

    private static void TryDelete(string folder)
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            TestContext.Error.WriteLine($"could not delete {folder}: {e.Message}");
        }
    }
}
