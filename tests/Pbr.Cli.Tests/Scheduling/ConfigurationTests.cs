using Microsoft.Extensions.Configuration.Memory;
using NodaTime;
using Pbr.Cli.Configuration;
using Pbr.Cli.Scheduling;
using Pbr.Cli.Tests.Settlement;
using Pbr.Core;
using Polly;
using Serilog.Events;

namespace Pbr.Cli.Tests.Scheduling;

/// <summary><c>pbr.json</c> with <c>PBR__</c> overrides: values, defaults, and rejections that name the key.</summary>
public sealed class ConfigurationTests
{
    private static string SampleConfig => Path.Combine(Repository.Root, "samples", "pbr.json");

    [Test]
    public void Load_SampleConfiguration_TwoMonthlySchedulesForTheSampleContracts()
    {
        var load = PbrConfiguration.Load(SampleConfig, null);

        Assert.That(load.Errors, Is.Empty);
        var s = load.Settings!;
        Assert.That(
            s.Schedules.Select(x => (x.Name, x.Cron, x.Zone.Id, x.AsOf, x.KnownAt, string.Join(' ', x.Contracts.Select(c => c.Value)))),
            Is.EqualTo(new[]
            {
                ("reoffending_monthly", "0 30 2 5 * ?", "Europe/London", AsOfRule.EndOfPreviousMonth, KnownAtRule.FireDate, "RO-PILOT-NORTH"),
                ("work_programme_monthly", "0 0 2 5 * ?", "Europe/London", AsOfRule.EndOfPreviousMonth, KnownAtRule.FireDate, "WP-CPA1-ALPHA WP-CPA2-BETA"),
            }));
        Assert.That((s.Retry.Attempts, s.Retry.Delay, s.Retry.Backoff), Is.EqualTo((3, Duration.FromMinutes(5), DelayBackoffType.Exponential)));
        Assert.That((s.MaxContractsPerFire, s.RunTimeout, s.HealthInterval), Is.EqualTo((20, Duration.FromMinutes(30), Duration.FromSeconds(30))));
        Assert.That((s.DatabaseUrl, s.DataFolder, s.LogFile), Is.EqualTo(((string?)null, (string?)null, (string?)null)));
    }

    [Test]
    public void Load_EnvironmentOverride_WinsOverTheFile()
    {
        // PBR__Retry__Attempts=7 and PBR__Schedules__work_programme_monthly__TimeZone=Europe/Dublin, as the environment provider reads them.
        var overrides = new MemoryConfigurationSource
        {
            InitialData = [new("Retry:Attempts", "7"), new("Schedules:work_programme_monthly:TimeZone", "Europe/Dublin"), new("Database:Url", "postgresql://db/pbr")],
        };

        var s = PbrConfiguration.Load(SampleConfig, overrides).Settings!;

        Assert.That(s.Retry.Attempts, Is.EqualTo(7));
        Assert.That(s.Schedules.Single(x => x.Name == "work_programme_monthly").Zone.Id, Is.EqualTo("Europe/Dublin"));
        Assert.That(s.DatabaseUrl, Is.EqualTo("postgresql://db/pbr"));
    }

    [Test]
    public void Load_NoFile_DefaultsAndNoSchedules()
    {
        var s = Schedules.Settings();

        Assert.That((s.LogLevel, s.Retry.Attempts, s.Retry.Delay, s.MaxContractsPerFire, s.RunTimeout), Is.EqualTo((LogEventLevel.Information, 3, Duration.FromMinutes(1), 100, Duration.FromHours(1))));
        Assert.That(s.Schedules, Is.Empty);
    }

    [Test]
    public void Load_ScheduleWithCronOnly_EuropeLondonEndOfPreviousMonthAllContracts()
    {
        var s = Schedules.Settings(("Schedules:monthly:Cron", "0 0 2 5 * ?")).Schedules.Single();

        Assert.That((s.Zone.Id, s.AsOf, s.KnownAt, s.Contracts.IsEmpty, s.Enabled), Is.EqualTo(("Europe/London", AsOfRule.EndOfPreviousMonth, KnownAtRule.FireDate, true, true)));
    }

    [Test]
    public void Load_ContractsArray_ReadInOrder()
    {
        var s = Schedules.Settings(("Schedules:m:Cron", "0 0 2 5 * ?"), ("Schedules:m:Contracts:0", "B"), ("Schedules:m:Contracts:1", "A")).Schedules.Single();

        Assert.That(s.Contracts, Is.EqualTo(new[] { new ContractId("B"), new ContractId("A") }));
    }

    [TestCase("Schedules:m:Cron", "0 0 2 5 *", "Schedules:m:Cron", "not a Quartz cron expression")]
    [TestCase("Schedules:m:Cron", "0 0 25 5 * ?", "Schedules:m:Cron", "not a Quartz cron expression")]
    [TestCase("Schedules:m:TimeZone", "Europe/Lundon", "Schedules:m:TimeZone", "not a known IANA time zone")]
    [TestCase("Schedules:m:AsOf", "end-of-month", "Schedules:m:AsOf", "expected one of end-of-previous-month")]
    [TestCase("Schedules:m:KnownAt", "today", "Schedules:m:KnownAt", "expected fire-date or as-of")]
    [TestCase("Schedules:m:Enabled", "yes", "Schedules:m:Enabled", "not true or false")]
    [TestCase("Schedules:m:Cronn", "0 0 2 5 * ?", "Schedules:m:Cronn", "unknown key")]
    [TestCase("Retry:Attempts", "-1", "Retry:Attempts", "not a whole number from 0 to 20")]
    [TestCase("Retry:Backoff", "Fibonacci", "Retry:Backoff", "not one of Constant, Linear, Exponential")]
    [TestCase("Safety:RunTimeoutMinutes", "0", "Safety:RunTimeoutMinutes", "not a whole number from 1 to 1440")]
    [TestCase("Logging:Level", "Loud", "Logging:Level", "not one of")]
    [TestCase("Health:Interval", "30", "Health:Interval", "unknown key")]
    [TestCase("Sechdules:m:Cron", "0 0 2 5 * ?", "Sechdules", "unknown section")]
    public void Load_BadValue_RejectedWithTheKeyAndReason(string key, string value, string expectedKey, string reason)
    {
        var load = Schedules.Load(("Schedules:m:Cron", "0 0 2 5 * ?"), (key, value));

        Assert.That(load.Success, Is.False);
        Assert.That(load.Errors.Select(e => e.Key), Is.EqualTo(new[] { expectedKey }));
        Assert.That(load.Errors.Single().Reason, Does.Contain(reason));
    }

    [Test]
    public void Load_ScheduleWithoutCron_RejectedAsRequired()
    {
        var load = Schedules.Load(("Schedules:m:AsOf", "previous-day"));

        Assert.That(load.Errors.Single().ToString(), Does.StartWith("Schedules:m:Cron: required"));
    }

    [Test]
    public void Load_BadScheduleName_Rejected()
    {
        var load = Schedules.Load(("Schedules:month end:Cron", "0 0 2 5 * ?"));

        Assert.That(load.Errors.Select(e => e.Key), Is.EqualTo(new[] { "Schedules:month end" }));
    }

    [Test]
    public void Load_MissingFile_RejectedNamingTheOption()
    {
        var load = PbrConfiguration.Load(Path.Combine(TestContext.CurrentContext.WorkDirectory, "no-such-pbr.json"), null);

        Assert.That(load.Errors.Single().Key, Is.EqualTo("--config"));
        Assert.That(load.Errors.Single().Reason, Does.Contain("does not exist"));
    }

    [Test]
    public void Load_FileNotJson_RejectedNamingTheOption()
    {
        var file = Path.Combine(TestContext.CurrentContext.WorkDirectory, "broken-pbr.json");
        File.WriteAllText(file, "{ \"Retry\": { \"Attempts\": 3, ");

        var load = PbrConfiguration.Load(file, null);

        Assert.That(load.Errors.Single().Key, Is.EqualTo("--config"));
        Assert.That(load.Errors.Single().Reason, Does.Contain("not valid JSON"));
    }
}
