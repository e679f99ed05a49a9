using System.Text.Json;
using NodaTime;
using NodaTime.Testing;
using Pbr.Cli.Configuration;
using Pbr.Cli.Scheduling;
using Pbr.Cli.Tests.Settlement;
using Pbr.Core;
using Pbr.Ledger.Postgres.Scheduling;

namespace Pbr.Cli.Tests.Scheduling;

/// <summary>The <c>--health-file</c> JSON, at an injected time.</summary>
public sealed class HealthFileTests
{
    [Test]
    public async Task WriteAsync_AfterAFire_HeartbeatNextFiresAndLastRunPerContract()
    {
        // Sample schedules at 2026-01-01T00:00Z: next fires 02:00 and 02:30 London (GMT) on 5 January, as of 2025-12-31.
        var settings = PbrConfiguration.Load(Path.Combine(Repository.Root, "samples", "pbr.json"), null).Settings!;
        var clock = new FakeClock(Instant.FromUtc(2026, 1, 1, 0, 0));
        var path = Path.Combine(TestContext.CurrentContext.WorkDirectory, "health-unit.json");
        var health = new HealthFile(path, clock, settings.Schedules);
        var fire = new ScheduledFire("work_programme_monthly", Instant.FromUtc(2025, 12, 5, 2, 0), new LocalDate(2025, 11, 30), new LocalDate(2025, 12, 5));
        health.Record(fire, [
            new ContractFireResult(new ContractId("WP-CPA1-ALPHA"), new ScheduleClaim(1, fire.Schedule, fire.FireTime, new ContractId("WP-CPA1-ALPHA"), 1),
                new ScheduleResult(ScheduleOutcome.Failed, Instant.FromUtc(2025, 12, 5, 2, 1), Duration.FromSeconds(60), 4, null, 0, "disk full")),
            new ContractFireResult(new ContractId("WP-CPA2-BETA"), null, null),
        ]);

        await health.WriteAsync("running");

        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(path));
        var root = json.RootElement;
        Assert.That((root.GetProperty("heartbeat").GetString(), root.GetProperty("state").GetString()), Is.EqualTo(("2026-01-01T00:00:00Z", "running")));
        Assert.That(
            root.GetProperty("nextFires").EnumerateArray().Select(f => (f.GetProperty("schedule").GetString(), f.GetProperty("fireTime").GetString(), f.GetProperty("asOf").GetString())),
            Is.EqualTo(new[]
            {
                ("reoffending_monthly", "2026-01-05T02:30:00Z", "2025-12-31"),
                ("work_programme_monthly", "2026-01-05T02:00:00Z", "2025-12-31"),
            }));
        var last = root.GetProperty("lastRuns").EnumerateArray().Single();
        Assert.That(
            (last.GetProperty("contract").GetString(), last.GetProperty("outcome").GetString(), last.GetProperty("error").GetString(), last.GetProperty("fireTime").GetString()),
            Is.EqualTo(("WP-CPA1-ALPHA", "failed", "disk full", "2025-12-05T02:00:00Z")),
            "a contract claimed by another scheduler is not this scheduler's last run");
        Assert.That(File.Exists(path + ".tmp"), Is.False, "written by rename");
    }
}
