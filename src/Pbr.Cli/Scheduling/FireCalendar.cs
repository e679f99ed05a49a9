using System.Collections.Immutable;
using NodaTime;
using Pbr.Cli.Configuration;
using Pbr.Ledger.Postgres.Scheduling;
using Quartz;

namespace Pbr.Cli.Scheduling;

/// <summary>
/// When a schedule fires and what each fire settles, computed with Quartz's own cron evaluation in the
/// schedule's time zone, so that <c>pbr schedule list</c>, the catch-up at start and the running
/// scheduler agree.
/// </summary>
internal static class FireCalendar
{
    // A bound on the scan, so a per-second cron after years of downtime cannot spin for ever; a
    // daily schedule would need thousands of years to reach it.
    private const int MaxFiresScanned = 100_000;

    // The windows, ending now, in which the latest missed fire is looked for; see Missed.
    private static readonly Duration[] s_windows =
        [Duration.FromMinutes(1), Duration.FromHours(1), Duration.FromDays(1), Duration.FromDays(32), Duration.FromDays(367), Duration.FromDays(3700)];

    /// <summary>Builds the Quartz cron expression of <paramref name="schedule"/>, in its time zone.</summary>
    public static CronExpression Cron(ScheduleSettings schedule) => new(schedule.Cron) { TimeZone = schedule.TimeZoneInfo };

    /// <summary>Gets the next <paramref name="count"/> fires strictly after <paramref name="after"/>.</summary>
    public static ImmutableArray<ScheduledFire> Next(ScheduleSettings schedule, Instant after, int count)
    {
        var cron = Cron(schedule);
        var fires = ImmutableArray.CreateBuilder<ScheduledFire>(count);
        var at = after.ToDateTimeOffset();
        while (fires.Count < count && cron.GetTimeAfter(at) is { } next)
        {
            fires.Add(Fire(schedule, Instant.FromDateTimeOffset(next)));
            at = next;
        }

        return fires.ToImmutable();
    }

    /// <summary>Describes the fire of <paramref name="schedule"/> at <paramref name="fireTime"/>: its as-of and known-at dates.</summary>
    public static ScheduledFire Fire(ScheduleSettings schedule, Instant fireTime)
    {
        var fireDate = fireTime.InZone(schedule.Zone).Date;
        var asOf = AsOfRules.Apply(schedule.AsOf, fireDate);
        return new ScheduledFire(schedule.Name, fireTime, asOf, schedule.KnownAt == KnownAtRule.AsOf ? asOf : fireDate);
    }

    /// <summary>
    /// Finds the fires missed between <paramref name="lastFire"/> (exclusive) and <paramref name="now"/> (inclusive):
    /// the latest of them, which a catch-up runs once, and how many there were, which it logs (counted up to a bound).
    /// </summary>
    public static (Instant? Latest, int Count) Missed(ScheduleSettings schedule, Instant lastFire, Instant now)
    {
        var cron = Cron(schedule);
        var (first, count) = Scan(cron, lastFire, now);
        if (first is null)
        {
            return (null, 0);
        }

        // Quartz cannot step backwards, so the latest fire is found by scanning ever wider windows that
        // end now: a per-second schedule down for a year is scanned over its last minute, not its whole year.
        foreach (var window in s_windows)
        {
            var from = Instant.Max(lastFire, now - window);
            var (latest, scanned) = Scan(cron, from, now);
            if (latest is not null && scanned < MaxFiresScanned)
            {
                return (latest, count);
            }
        }

        return (Scan(cron, lastFire, now).Latest, count);
    }

    private static (Instant? Latest, int Count) Scan(CronExpression cron, Instant after, Instant until)
    {
        Instant? latest = null;
        var count = 0;
        var at = after.ToDateTimeOffset();
        while (count < MaxFiresScanned && cron.GetTimeAfter(at) is { } next && Instant.FromDateTimeOffset(next) <= until)
        {
            latest = Instant.FromDateTimeOffset(next);
            count++;
            at = next;
        }

        return (latest, count);
    }
}
