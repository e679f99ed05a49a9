using System.Collections.Immutable;
using NodaTime;
using Pbr.Cli.Scheduling;
using Pbr.Core;

namespace Pbr.Cli.Configuration;

/// <summary>One schedule of <c>pbr.json</c> (<c>Schedules:&lt;name&gt;</c>), validated.</summary>
/// <param name="Name">The schedule's name, its key under <c>Schedules</c>.</param>
/// <param name="Cron">The Quartz cron expression (seconds first), in <paramref name="Zone"/>.</param>
/// <param name="Zone">The time zone the cron expression and the dates are read in.</param>
/// <param name="TimeZoneInfo">The same zone as Quartz takes it.</param>
/// <param name="Contracts">The contracts to settle; empty for every contract in force at the fire.</param>
/// <param name="AsOf">How the as-of date derives from the fire's local date.</param>
/// <param name="KnownAt">How the known-at date derives from the fire.</param>
/// <param name="Enabled">False to keep a schedule in the file without running it.</param>
internal sealed record ScheduleSettings(
    string Name,
    string Cron,
    DateTimeZone Zone,
    TimeZoneInfo TimeZoneInfo,
    ImmutableArray<ContractId> Contracts,
    AsOfRule AsOf,
    KnownAtRule KnownAt,
    bool Enabled);
