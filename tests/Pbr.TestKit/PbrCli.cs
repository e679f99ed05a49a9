using System.Diagnostics;
using Pbr.Ledger.Postgres.Connections;

namespace Pbr.TestKit;

/// <summary>
/// Runs the built <c>pbr</c> command line as a child process (<c>dotnet pbr.dll args</c>), for end-to-end
/// tests of commands.
/// </summary>
/// <remarks>
/// The child never sees the developer's own <c>PBR_HOME</c> or <c>PBR_DATABASE_URL</c>: unless the
/// caller sets one of them, the test server is started if needed and the child pointed at it (the
/// embedded test cluster's folder, or the URL the run was given). A null value in
/// <c>environment</c> removes a variable.
/// </remarks>
public static class PbrCli
{
    private static readonly Lazy<string> s_dll = new(FindDll);

    /// <summary>Gets the path of the built <c>pbr.dll</c>.</summary>
    public static string DllPath => s_dll.Value;

    /// <summary>Runs <c>pbr</c> against <paramref name="database"/> (through <c>PBR_DATABASE_URL</c>).</summary>
    public static Task<CliResult> RunAsync(TestDatabase database, params string[] arguments)
    {
        ArgumentNullException.ThrowIfNull(database);
        return RunAsync(new Dictionary<string, string?> { [PbrEnvironment.DatabaseUrlVariable] = database.Url }, arguments);
    }

    /// <summary>Runs <c>pbr</c> with extra or removed environment variables.</summary>
    public static async Task<CliResult> RunAsync(IReadOnlyDictionary<string, string?> environment, params string[] arguments)
    {
        using var process = await StartAsync(environment, arguments);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"pbr {string.Join(' ', arguments)} did not finish within 3 minutes");
        }

        return new CliResult(process.ExitCode, await stdout, await stderr);
    }

    /// <summary>
    /// Runs <c>pbr</c> against a test database and kills it with SIGKILL after <paramref name="killAfter"/>
    /// unless it has finished by then; returns whether it was killed, and its result when it was not.
    /// </summary>
    public static async Task<(bool Killed, CliResult? Result)> RunAndKillAsync(TestDatabase database, TimeSpan killAfter, params string[] arguments)
    {
        ArgumentNullException.ThrowIfNull(database);
        using var process = await StartAsync(new Dictionary<string, string?> { [PbrEnvironment.DatabaseUrlVariable] = database.Url }, arguments);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(killAfter);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
            return (false, new CliResult(process.ExitCode, await stdout, await stderr));
        }
        catch (OperationCanceledException)
        {
            // Process.Kill sends SIGKILL on Linux: no handler runs, exactly like a crash or an OOM kill.
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            return (true, null);
        }
    }

    private static async Task<Process> StartAsync(IReadOnlyDictionary<string, string?> environment, string[] arguments)
    {
        ArgumentNullException.ThrowIfNull(environment);
        if (!environment.ContainsKey(PbrEnvironment.PbrHomeVariable) && !environment.ContainsKey(PbrEnvironment.DatabaseUrlVariable))
        {
            // Point the child at the test server, never at the developer's own data folder.
            await PostgresTestCluster.ServerAsync();
        }

        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(DllPath);
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        info.Environment.Remove(PbrEnvironment.PbrHomeVariable);
        info.Environment.Remove(PbrEnvironment.DatabaseUrlVariable);
        if (PostgresTestCluster.Cluster is { } cluster)
        {
            info.Environment[PbrEnvironment.PbrHomeVariable] = cluster.Layout.Home;
        }
        else if (Environment.GetEnvironmentVariable(PbrEnvironment.DatabaseUrlVariable) is { Length: > 0 } url)
        {
            info.Environment[PbrEnvironment.DatabaseUrlVariable] = url;
        }

        foreach (var (name, value) in environment)
        {
            if (value is null)
            {
                info.Environment.Remove(name);
            }
            else
            {
                info.Environment[name] = value;
            }
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException("could not start dotnet");
        process.StandardInput.Close();
        return process;
    }

    private static string FindDll()
    {
        // A test project that references Pbr.Cli gets pbr.dll and its runtimeconfig copied beside it.
        var local = Path.Combine(AppContext.BaseDirectory, "pbr.dll");
        if (File.Exists(local) && File.Exists(Path.Combine(AppContext.BaseDirectory, "pbr.runtimeconfig.json")))
        {
            return local;
        }

        // Otherwise use src/Pbr.Cli's own output for the same configuration (…/bin/Release/net10.0/).
        var output = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var framework = output.Name;
        var configuration = output.Parent?.Name ?? "Release";
        for (var folder = output; folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "PbrEngine.sln")))
            {
                var built = Path.Combine(folder.FullName, "src", "Pbr.Cli", "bin", configuration, framework, "pbr.dll");
                if (File.Exists(built))
                {
                    return built;
                }

                Assert.Fail($"pbr.dll is not built: expected {built}. Build src/Pbr.Cli in {configuration} first.");
            }
        }

        Assert.Fail($"cannot find pbr.dll beside {AppContext.BaseDirectory} nor the repository root above it");
        return string.Empty;
    }
}
