using System.Diagnostics;
using System.Text.Json;
using Pbr.Cli.Tests.Settlement;
using Pbr.Ledger.Postgres.Connections;
using Pbr.TestKit;

namespace Pbr.Cli.Tests.Scheduling;

/// <summary><c>pbr schedule list|run|history</c> end to end, on the Work Programme sample.</summary>
public sealed class ScheduleCommandTests : SampleLedgerFixture
{
    private static string SampleConfig => Path.Combine(Repository.Root, "samples", "pbr.json");

    [Test]
    public async Task List_SampleConfiguration_NextFiveFiresWithTheirAsOfDates()
    {
        // 02:00 London on the 5th, as of the end of the previous month; GMT until the end of March, then BST.
        var result = await Expect(0, "schedule", "list", "--config", SampleConfig, "--after", "2026-01-01T00:00:00Z");

        var rows = result.StandardOutput.Split('\n').Where(l => l.Contains("work_programme_monthly", StringComparison.Ordinal)).ToList();
        Assert.That(rows, Has.Count.EqualTo(5));
        Assert.That(rows[0], Does.Contain("2026-01-05 02:00 +00").And.Contain("2025-12-31").And.Contain("WP-CPA1-ALPHA WP-CPA2-BETA"));
        Assert.That(rows[3], Does.Contain("2026-04-05 02:00 +01").And.Contain("2026-03-31"));
        Assert.That(rows[4], Does.Contain("2026-05-05 02:00 +01").And.Contain("2026-04-30"));
        Assert.That(result.StandardOutput.Split('\n').Count(l => l.Contains("reoffending_monthly", StringComparison.Ordinal)), Is.EqualTo(5));
    }

    [Test]
    public async Task List_BadEnvironmentOverride_Exit2NamingTheKey()
    {
        var result = await PbrCli.RunAsync(
            new Dictionary<string, string?> { ["PBR__Schedules__work_programme_monthly__TimeZone"] = "Mars/Olympus" },
            "schedule", "list", "--config", SampleConfig);

        Assert.That(result.ExitCode, Is.EqualTo(2), result.ToString());
        Assert.That(result.StandardError, Does.Contain("Schedules:work_programme_monthly:TimeZone: 'Mars/Olympus' is not a known IANA time zone"));
    }

    [Test]
    public async Task List_ConfigFromPbrConfigVariable_Used()
    {
        var result = await PbrCli.RunAsync(new Dictionary<string, string?> { ["PBR_CONFIG"] = SampleConfig }, "schedule", "list", "--count", "1");

        Assert.That(result.ExitCode, Is.EqualTo(0), result.ToString());
        Assert.That(result.StandardOutput.Split('\n').Count(l => l.Contains("_monthly", StringComparison.Ordinal)), Is.EqualTo(2));
    }

    [Test]
    public async Task Run_EverySecondThenSigterm_HealthFileHistoryAndCleanExit()
    {
        var config = TempFile("pbr.json");
        var health = TempFile("health.json");
        File.Delete(health);
        await File.WriteAllTextAsync(config, """
            {
              "Retry": { "Attempts": 1, "DelaySeconds": 0 },
              "Health": { "IntervalSeconds": 1 },
              "Schedules": {
                "every_second": { "Cron": "* * * * * ?", "Contracts": [ "WP-CPA1-ALPHA" ], "AsOf": "end-of-previous-month", "KnownAt": "as-of" }
              }
            }
            """);

        using var process = Start("schedule", "run", "--config", config, "--health-file", health);
        var stderr = process.StandardError.ReadToEndAsync();
        using (var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90)))
        {
            while (!(File.Exists(health) && LastRuns(await File.ReadAllTextAsync(health, timeout.Token)) > 0))
            {
                Assert.That(process.HasExited, Is.False, () => $"pbr schedule run exited early: {stderr.Result}");
                await Task.Delay(200, timeout.Token);
            }
        }

        using (var kill = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        using (var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30)))
        {
            await process.WaitForExitAsync(timeout.Token);
        }

        var log = await stderr;
        Assert.That(process.ExitCode, Is.EqualTo(0), log);
        Assert.That(log, Does.Contain("Scheduler").And.Contain("stopped"));
        using var status = JsonDocument.Parse(await File.ReadAllTextAsync(health));
        Assert.That(status.RootElement.GetProperty("state").GetString(), Is.EqualTo("stopped"));
        var last = status.RootElement.GetProperty("lastRuns")[0];
        Assert.That(last.GetProperty("contract").GetString(), Is.EqualTo("WP-CPA1-ALPHA"));
        Assert.That(last.GetProperty("schedule").GetString(), Is.EqualTo("every_second"));
        Assert.That(status.RootElement.GetProperty("nextFires")[0].GetProperty("schedule").GetString(), Is.EqualTo("every_second"));
        Assert.That(await ScalarAsync("SELECT count(*) FROM runs WHERE contract_id = 'WP-CPA1-ALPHA'"), Is.EqualTo(1), "one run posted; later fires had nothing new");
        Assert.That(
            await ScalarAsync("SELECT count(*) FROM schedule_claims c WHERE NOT EXISTS (SELECT 1 FROM schedule_outcomes o WHERE o.claim_id = c.claim_id)"),
            Is.Zero,
            "the stop left no claim without an outcome");

        var history = await Expect(0, "schedule", "history", "--config", config, "--schedule", "every_second");
        var runId = await ScalarAsync("SELECT run_id FROM runs WHERE contract_id = 'WP-CPA1-ALPHA'");
        var lines = await ScalarAsync("SELECT line_count FROM runs WHERE contract_id = 'WP-CPA1-ALPHA'");
        var posted = history.StandardOutput.Split('\n').Single(l => l.Contains("posted", StringComparison.Ordinal))
            .Split('│', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        // schedule, fire time, contract, attempt, as of, outcome, duration, tries, run, lines, error
        Assert.That(
            (posted[0], posted[2], posted[3], posted[5], posted[7], posted[8], posted[9]),
            Is.EqualTo(("every_second", "WP-CPA1-ALPHA", "1", "posted", "1", $"{runId}", $"{lines}")));
    }

    private static int LastRuns(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            return document.RootElement.GetProperty("lastRuns").GetArrayLength();
        }
        catch (JsonException)
        {
            return 0;
        }
    }

    private Process Start(params string[] arguments)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardError = true, RedirectStandardOutput = false, UseShellExecute = false };
        info.ArgumentList.Add(PbrCli.DllPath);
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        info.Environment.Remove(PbrEnvironment.PbrHomeVariable);
        info.Environment.Remove("PBR_CONFIG");
        info.Environment[PbrEnvironment.DatabaseUrlVariable] = Database.Url;
        return Process.Start(info) ?? throw new InvalidOperationException("could not start dotnet");
    }
}
