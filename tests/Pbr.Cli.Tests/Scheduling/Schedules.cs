using Microsoft.Extensions.Configuration.Memory;
using Pbr.Cli.Configuration;

namespace Pbr.Cli.Tests.Scheduling;

/// <summary>Builds validated schedules from configuration keys, as <c>pbr.json</c> would give them.</summary>
internal static class Schedules
{
    /// <summary>Loads the keys as an override source; a later key replaces an earlier one, as a later provider would.</summary>
    public static ConfigurationLoad Load(params (string Key, string? Value)[] keys)
    {
        var data = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var (key, value) in keys)
        {
            data[key] = value;
        }

        return PbrConfiguration.Load(null, new MemoryConfigurationSource { InitialData = data });
    }

    public static PbrSettings Settings(params (string Key, string? Value)[] keys)
    {
        var load = Load(keys);
        Assert.That(load.Errors, Is.Empty);
        return load.Settings!;
    }

    public static ScheduleSettings One(string cron, string asOf, string knownAt = "fire-date", string? zone = null)
    {
        var keys = new List<(string, string?)> { ("Schedules:s:Cron", cron), ("Schedules:s:AsOf", asOf), ("Schedules:s:KnownAt", knownAt) };
        if (zone is not null)
        {
            keys.Add(("Schedules:s:TimeZone", zone));
        }

        return Settings([.. keys]).Schedules.Single();
    }
}
