using System.Diagnostics;
using Dapper;
using Npgsql;
using Pbr.Ledger.Postgres.Connections;
using Pbr.Ledger.Postgres.Embedded;
using Pbr.TestKit;

namespace Pbr.Ledger.Postgres.Tests.Embedded;

/// <summary>
/// Lifecycle of a real embedded cluster. Each test makes its own cluster in its own temporary
/// PBR_HOME (these tests stop and kill servers, so they cannot share the kit's cluster).
/// </summary>
[NonParallelizable]
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class EmbeddedClusterTests
{
    private readonly List<EmbeddedCluster> _clusters = [];

    [TearDown]
    public async Task StopClustersAsync()
    {
        var clusters = _clusters.ToList();
        _clusters.Clear();
        foreach (var cluster in clusters)
        {
            await cluster.StopAsync();
            if (Directory.Exists(cluster.Layout.Home))
            {
                Directory.Delete(cluster.Layout.Home, recursive: true);
            }
        }
    }

    [Test]
    public async Task StartAsync_FreshHome_CreatesClusterAndServesTheSuperuser()
    {
        var cluster = NewCluster();

        var started = await cluster.StartAsync();

        Assert.That(started.Success, Is.True, started.Error);
        Assert.That(started.Value.Initialised, Is.True);
        Assert.That(started.Value.AlreadyRunning, Is.False);
        Assert.That(File.Exists(cluster.Layout.SocketFile), Is.True, "the server listens on the socket in the layout");
        await using var connection = await OpenAsync(cluster);
        var settings = await connection.QuerySingleAsync<(string User, string Encoding, string Collate, string Listen)>(
            "SELECT current_user, current_setting('server_encoding'), current_setting('lc_collate'), current_setting('listen_addresses')");
        Assert.That(settings, Is.EqualTo(("pbr", "UTF8", "C", string.Empty)), "superuser pbr, UTF8, locale C, no TCP listener");
    }

    [Test]
    public async Task StartAsync_HomeTooLongForASocket_ServesOnAPrivateShortFolder()
    {
        var parent = NewCluster().Layout.Home;
        File.SetUnixFileMode(parent, (UnixFileMode)0b111_101_101); // 0755: the server user may pass through
        var home = Path.Combine(parent, new string('d', 120 - parent.Length));
        var cluster = Track(new EmbeddedCluster(ClusterLayout.ForHome(home), NewCluster().Binaries, Environment.IsPrivilegedProcess, durable: false));
        try
        {
            var started = await cluster.StartAsync();

            Assert.That(started.Success, Is.True, started.Error);
            Assert.That(cluster.Layout.SocketDirectory, Does.StartWith("/tmp/pbr-"));
            Assert.That(File.GetUnixFileMode(cluster.Layout.SocketDirectory), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute));
            var owner = (await RunAsync("stat", "-c", "%U", cluster.Layout.SocketDirectory)).Trim();
            Assert.That(owner, Is.EqualTo(Environment.IsPrivilegedProcess ? "postgres" : Environment.UserName));
            await using var connection = await OpenAsync(cluster);
            Assert.That(await connection.ExecuteScalarAsync<int>("SELECT 1"), Is.EqualTo(1));
        }
        finally
        {
            await cluster.StopAsync();
            if (Directory.Exists(cluster.Layout.SocketDirectory))
            {
                Directory.Delete(cluster.Layout.SocketDirectory, recursive: true);
            }
        }
    }

    [Test]
    public async Task StartAsync_AsRootWithHomeInsideAPrivateFolder_FailsNamingTheFix()
    {
        if (!Environment.IsPrivilegedProcess)
        {
            Assert.Ignore("only root hands the server to another user");
        }

        // The temporary folder is root's, mode 0700: the postgres user cannot pass through it.
        var parent = NewCluster().Layout.Home;
        var cluster = Track(new EmbeddedCluster(ClusterLayout.ForHome(Path.Combine(parent, "inner")), NewCluster().Binaries, isRoot: true, durable: false));

        var started = await cluster.StartAsync();

        Assert.That(started.Success, Is.False);
        Assert.That(started.Error, Does.Contain("'postgres' OS user").And.Contain("PBR_HOME"));
    }

    [Test]
    public async Task StartAsync_Twice_SecondIsANoOpOnTheSameServer()
    {
        var cluster = NewCluster();
        var first = await cluster.StartAsync();

        var second = await cluster.StartAsync();

        Assert.That(second.Success, Is.True, second.Error);
        Assert.That(second.Value.AlreadyRunning, Is.True);
        Assert.That(second.Value.Initialised, Is.False);
        Assert.That(second.Value.Pid, Is.EqualTo(first.Value.Pid));
    }

    [Test]
    public async Task StartAsync_TwoProcessesAtOnce_OneStartsTheOtherFindsItRunning()
    {
        // Two handles on one data folder stand for two pbr processes; the folder lock serialises them.
        var cluster = NewCluster();
        var twin = new EmbeddedCluster(cluster.Layout, cluster.Binaries, Environment.IsPrivilegedProcess, durable: false);

        var results = await Task.WhenAll(cluster.StartAsync(), twin.StartAsync());

        Assert.That(results.Select(r => r.Error), Is.All.Null);
        Assert.That(results.Count(r => !r.Value.AlreadyRunning), Is.EqualTo(1), "exactly one of them started the server");
        Assert.That(results.Count(r => r.Value.Initialised), Is.EqualTo(1), "initdb ran once");
        Assert.That(results[0].Value.Pid, Is.EqualTo(results[1].Value.Pid));
    }

    [Test]
    public async Task StopAsync_NeverInitialised_DoesNothingAndCreatesNothing()
    {
        var cluster = NewCluster();
        Directory.Delete(cluster.Layout.Home, recursive: true);

        var stopped = await cluster.StopAsync();

        Assert.That(stopped.Success && !stopped.Value, Is.True);
        Assert.That(Directory.Exists(cluster.Layout.Home), Is.False);
        Directory.CreateDirectory(cluster.Layout.Home); // for TearDown
    }

    [Test]
    public async Task StopAsync_ThenStart_RestartsWithANewServer()
    {
        var cluster = NewCluster();
        var first = await cluster.StartAsync();

        var stopped = await cluster.StopAsync();
        var statusWhenStopped = await cluster.StatusAsync();
        var stoppedAgain = await cluster.StopAsync();
        var restarted = await cluster.StartAsync();

        Assert.That(stopped.Value, Is.True, "a running server was stopped");
        Assert.That(statusWhenStopped.State, Is.EqualTo(ClusterState.Stopped));
        Assert.That(stoppedAgain.Success && !stoppedAgain.Value, Is.True, "stopping a stopped cluster does nothing");
        Assert.That(restarted.Success, Is.True, restarted.Error);
        Assert.That(restarted.Value.AlreadyRunning, Is.False);
        Assert.That(restarted.Value.Initialised, Is.False, "initdb runs once");
        Assert.That(restarted.Value.Pid, Is.Not.EqualTo(first.Value.Pid));
        await using var connection = await OpenAsync(cluster);
        Assert.That(await connection.ExecuteScalarAsync<int>("SELECT 1"), Is.EqualTo(1));
    }

    [Test]
    public async Task StartAsync_AfterPostmasterKilled_StartsDespiteStalePidFile()
    {
        // Durable: a throwaway cluster commits asynchronously and may lose the last commit in a crash.
        var cluster = NewCluster(durable: true);
        var first = await cluster.StartAsync();
        await using (var connection = await OpenAsync(cluster))
        {
            await connection.ExecuteAsync("CREATE TABLE survivor (x integer); INSERT INTO survivor VALUES (42);");
        }

        using (var postmaster = Process.GetProcessById(first.Value.Pid))
        {
            postmaster.Kill(); // SIGKILL: no shutdown, postmaster.pid stays behind
            await postmaster.WaitForExitAsync();
        }

        Assert.That(File.Exists(Path.Combine(cluster.Layout.DataDirectory, "postmaster.pid")), Is.True, "a crash leaves the pid file");
        Assert.That((await cluster.StatusAsync()).State, Is.EqualTo(ClusterState.Stopped), "a dead pid is not a running server");

        var restarted = await cluster.StartAsync();

        Assert.That(restarted.Success, Is.True, restarted.Error);
        Assert.That(restarted.Value.AlreadyRunning, Is.False);
        await using var after = await OpenAsync(cluster);
        Assert.That(await after.ExecuteScalarAsync<int>("SELECT x FROM survivor"), Is.EqualTo(42), "committed data survives the crash");
    }

    [Test]
    public async Task StartAsync_PidFileNamesALiveProgramThatIsNotPostgres_StartsAnyway()
    {
        // After a crash the old pid may belong to another program by now; PostgreSQL alone would
        // take that for a running server and refuse to start.
        var cluster = NewCluster();
        var first = await cluster.StartAsync();
        using (var postmaster = Process.GetProcessById(first.Value.Pid))
        {
            postmaster.Kill();
            await postmaster.WaitForExitAsync();
        }

        var pidFile = Path.Combine(cluster.Layout.DataDirectory, "postmaster.pid");
        var lines = await File.ReadAllLinesAsync(pidFile);
        lines[0] = Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture); // this test process: alive, not postgres
        await File.WriteAllLinesAsync(pidFile, lines);

        var status = await cluster.StatusAsync();
        var restarted = await cluster.StartAsync();

        Assert.That(status.State, Is.EqualTo(ClusterState.Stopped));
        Assert.That(restarted.Success, Is.True, restarted.Error);
        Assert.That(restarted.Value.Pid, Is.Not.EqualTo(Environment.ProcessId));
        Assert.That((await cluster.StatusAsync()).State, Is.EqualTo(ClusterState.Running));
    }

    [Test]
    public async Task StartAsync_AsRootWithSymlinkedSocketFolder_RefusesToGiveItAway()
    {
        if (!Environment.IsPrivilegedProcess)
        {
            Assert.Ignore("only root hands folders to another user");
        }

        var cluster = NewCluster();
        var target = Directory.CreateTempSubdirectory("pbr-target-").FullName;
        try
        {
            Directory.CreateDirectory(cluster.Layout.Home);
            Directory.CreateSymbolicLink(cluster.Layout.SocketDirectory, target);

            var started = await cluster.StartAsync();

            Assert.That(started.Success, Is.False);
            Assert.That(started.Error, Does.Contain("symbolic link").And.Contain(cluster.Layout.SocketDirectory));
            Assert.That(await RunAsync("stat", "-c", "%U", target), Is.EqualTo("root\n"), "the link's target keeps its owner");
        }
        finally
        {
            Directory.Delete(target, recursive: true);
        }
    }

    [Test]
    public async Task StatusAsync_EachState_ReportsStatePidVersionAndPaths()
    {
        var cluster = NewCluster();

        var before = await cluster.StatusAsync();
        var started = await cluster.StartAsync();
        var running = await cluster.StatusAsync();

        Assert.That(before.State, Is.EqualTo(ClusterState.NotInitialised));
        Assert.That(before.Pid, Is.Null);
        Assert.That(running.State, Is.EqualTo(ClusterState.Running));
        Assert.That(running.Pid, Is.EqualTo(started.Value.Pid));
        var major = (await File.ReadAllTextAsync(Path.Combine(cluster.Layout.DataDirectory, "PG_VERSION"))).Trim();
        Assert.That(running.Version, Does.StartWith(major + "."), "the programs' version, e.g. 15.18 for a version-15 cluster");
        Assert.That(running.Layout.DataDirectory, Is.EqualTo(Path.Combine(cluster.Layout.Home, "cluster")));
        Assert.That(running.Layout.SocketDirectory, Is.EqualTo(Path.Combine(cluster.Layout.Home, "run")));
    }

    [Test]
    public async Task StartAsync_SocketOwnedByAnotherServer_FailsWithClearMessage()
    {
        var first = NewCluster();
        Assert.That((await first.StartAsync()).Success, Is.True);
        var secondHome = PostgresTestCluster.NewHome();
        var clash = ClusterLayout.ForHome(secondHome) with { SocketDirectory = first.Layout.SocketDirectory };
        var second = Track(new EmbeddedCluster(clash, first.Binaries, Environment.IsPrivilegedProcess, durable: false));

        var started = await second.StartAsync();

        Assert.That(started.Success, Is.False);
        Assert.That(started.Error, Does.Contain("already owns the socket").And.Contain(first.Layout.SocketFile));
        Assert.That((await first.StatusAsync()).State, Is.EqualTo(ClusterState.Running), "the first server is untouched");
    }

    [Test]
    public async Task StartAsync_AsRoot_ServerRunsAsPostgresUser()
    {
        if (!Environment.IsPrivilegedProcess)
        {
            Assert.Ignore("only meaningful as root; as a normal user the server runs as that user");
        }

        var cluster = NewCluster();
        var started = await cluster.StartAsync();

        var status = await File.ReadAllLinesAsync($"/proc/{started.Value.Pid}/status");
        var uid = status.Single(l => l.StartsWith("Uid:", StringComparison.Ordinal)).Split('\t', StringSplitOptions.RemoveEmptyEntries)[1];
        var postgresUid = (await RunAsync("id", "-u", "postgres")).Trim();
        Assert.That(uid, Is.EqualTo(postgresUid));
    }

    [Test]
    public void InitAsync_DataFolderHoldsOtherFiles_FailsWithoutTouchingThem()
    {
        var cluster = NewCluster();
        Directory.CreateDirectory(cluster.Layout.DataDirectory);
        var stray = Path.Combine(cluster.Layout.DataDirectory, "notes.txt");
        File.WriteAllText(stray, "mine");

        var init = cluster.InitAsync().GetAwaiter().GetResult();

        Assert.That(init.Success, Is.False);
        Assert.That(init.Error, Does.Contain(cluster.Layout.DataDirectory).And.Contain("PBR_HOME"));
        Assert.That(File.ReadAllText(stray), Is.EqualTo("mine"));
    }

    [Test]
    public async Task ReapOrphansAsync_ClusterOfADeadTestProcess_IsStoppedAndDeleted()
    {
        var orphan = NewCluster();
        var started = await orphan.StartAsync();
        using (var gone = Process.Start("true")!)
        {
            await gone.WaitForExitAsync();
            await File.WriteAllTextAsync(Path.Combine(orphan.Layout.Home, "owner.pid"), gone.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        var mine = NewCluster();
        await mine.StartAsync();

        await PostgresTestCluster.ReapOrphansAsync(orphan.Binaries, Environment.IsPrivilegedProcess);

        Assert.That(Directory.Exists(orphan.Layout.Home), Is.False, "the dead process's folder is gone");
        // pg_ctl returns once the pid file is gone; the process itself ends a moment later.
        for (var i = 0; i < 50 && Directory.Exists($"/proc/{started.Value.Pid}"); i++)
        {
            await Task.Delay(100);
        }

        Assert.That(Directory.Exists($"/proc/{started.Value.Pid}"), Is.False, "and its server stopped");
        Assert.That((await mine.StatusAsync()).State, Is.EqualTo(ClusterState.Running), "a live process's cluster is left alone");
        _clusters.Remove(orphan);
    }

    private EmbeddedCluster NewCluster(bool durable = false)
    {
        var binaries = PostgresBinaries.Find(PostgresBinaries.DefaultSearchFolders(Environment.GetEnvironmentVariable("PATH")));
        if (!binaries.Success)
        {
            PostgresTestCluster.RequirePrerequisite(binaries.Error!);
        }

        var home = PostgresTestCluster.NewHome();
        return Track(new EmbeddedCluster(ClusterLayout.ForHome(home), binaries.Value, Environment.IsPrivilegedProcess, durable));
    }

    private EmbeddedCluster Track(EmbeddedCluster cluster)
    {
        _clusters.Add(cluster);
        return cluster;
    }

    private static async Task<NpgsqlConnection> OpenAsync(EmbeddedCluster cluster)
    {
        var settings = cluster.ConnectionString(DatabaseAdmin.MaintenanceDatabase);
        settings.Pooling = false;
        var connection = new NpgsqlConnection(settings.ConnectionString);
        await connection.OpenAsync();
        return connection;
    }

    private static async Task<string> RunAsync(string program, params string[] arguments)
    {
        var info = new ProcessStartInfo(program) { RedirectStandardOutput = true };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        return output;
    }
}
