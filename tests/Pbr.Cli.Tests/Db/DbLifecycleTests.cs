using System.Diagnostics;
using System.Text.RegularExpressions;
using Pbr.Ledger.Postgres.Embedded;
using Pbr.TestKit;

namespace Pbr.Cli.Tests.Db;

/// <summary>
/// <c>pbr db start|status|url|stop</c> end to end, as a user would type them, on a cluster of this
/// fixture's own in a temporary PBR_HOME. The tests run in order: each step builds on the last.
/// </summary>
[NonParallelizable]
public sealed partial class DbLifecycleTests
{
    private string _home = null!;
    private int _pid;

    [OneTimeSetUp]
    public void CreateHome() => _home = PostgresTestCluster.NewHome();

    [OneTimeTearDown]
    public async Task RemoveHomeAsync()
    {
        // Whatever the tests did, leave no server running.
        await Pbr("stop");
        Directory.Delete(_home, recursive: true);
    }

    [Test]
    [Order(1)]
    public async Task Start_FreshHome_CreatesAndStarts()
    {
        var result = await Pbr("start");

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(result.StandardOutput, Does.Contain("PostgreSQL started").And.Contain("new cluster created"));
        _pid = Pid(result.StandardOutput);
    }

    [Test]
    [Order(2)]
    public async Task Start_AlreadyRunning_SaysSoAndKeepsTheSameServer()
    {
        var result = await Pbr("start");

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(result.StandardOutput, Does.Contain("already running"));
        Assert.That(Pid(result.StandardOutput), Is.EqualTo(_pid));
    }

    [Test]
    [Order(3)]
    public async Task Status_Running_ReportsPidAndPaths()
    {
        var result = await Pbr("status");

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(result.StandardOutput, Does.Contain("state:       running"));
        Assert.That(result.StandardOutput, Does.Contain($"pid:         {_pid}"));
        Assert.That(result.StandardOutput, Does.Contain($"data folder: {_home}"));
        Assert.That(result.StandardOutput, Does.Contain($"socket:      {_home}/run/.s.PGSQL.5432"));
    }

    [Test]
    [Order(4)]
    public async Task Url_GivenToPsql_RunsAQuery()
    {
        var url = await Pbr("url");
        Assert.That(url.ExitCode, Is.Zero, url.ToString());
        Assert.That(url.StandardOutput.Trim(), Is.EqualTo($"postgresql://pbr@/pbr?host={_home}/run&port=5432"));

        // psql "$(pbr db url)" -c 'select 1'
        var (exit, output, error) = await Psql("-X", url.StandardOutput.Trim(), "-c", "select 1"); // -X: ignore any ~/.psqlrc

        Assert.That(exit, Is.Zero, error);
        Assert.That(output, Does.Match(@"\?column\?\s*\n-+\s*\n\s*1\s*\n\(1 row\)"));
    }

    [Test]
    [Order(5)]
    public async Task Migrate_EmbeddedDefault_AppliesThenIsIdempotent()
    {
        var first = await Pbr("migrate");
        var second = await Pbr("migrate");

        Assert.That(first.ExitCode, Is.Zero, first.ToString());
        Assert.That(first.StandardOutput, Does.Contain("applied 0001_roles.sql"));
        Assert.That(second.ExitCode, Is.Zero, second.ToString());
        Assert.That(second.StandardOutput, Does.Contain("up to date").And.Not.Contain("applied 0001"));
    }

    [Test]
    [Order(6)]
    public async Task Stop_Running_StopsAndStatusSaysStopped()
    {
        var stop = await Pbr("stop");
        var again = await Pbr("stop");
        var status = await Pbr("status");

        Assert.That(stop.ExitCode, Is.Zero, stop.ToString());
        Assert.That(stop.StandardOutput, Does.Contain("PostgreSQL stopped."));
        Assert.That(again.StandardOutput, Does.Contain("not running"));
        Assert.That(status.StandardOutput, Does.Contain("state:       stopped").And.Contain("pid:         -"));
    }

    [Test]
    [Order(7)]
    public async Task Start_AfterStop_Restarts()
    {
        var result = await Pbr("start");

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(result.StandardOutput, Does.Contain("PostgreSQL started").And.Not.Contain("new cluster"));
    }

    private Task<CliResult> Pbr(string verb) =>
        PbrCli.RunAsync(new Dictionary<string, string?> { ["PBR_HOME"] = _home, ["PBR_DATABASE_URL"] = null }, "db", verb);

    private static int Pid(string output)
    {
        var match = PidText().Match(output);
        Assert.That(match.Success, Is.True, $"no pid in: {output}");
        return int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
    }

    private static async Task<(int Exit, string Output, string Error)> Psql(params string[] arguments)
    {
        var binaries = PostgresBinaries.Find(PostgresBinaries.DefaultSearchFolders(Environment.GetEnvironmentVariable("PATH")));
        var psql = new[] { "/usr/bin/psql", binaries.Success ? Path.Combine(binaries.Value.Directory, "psql") : string.Empty }
            .FirstOrDefault(File.Exists);
        if (psql is null)
        {
            PostgresTestCluster.RequirePrerequisite("psql is not installed (apt-get install postgresql-client)");
        }

        var info = new ProcessStartInfo(psql!) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output, await error);
    }

    [GeneratedRegex(@"\(pid (\d+)\)")]
    private static partial Regex PidText();
}
